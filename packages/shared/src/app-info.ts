/** The product's name as shown to people; one place so the web app and the server agree. */
export const appName = 'ROA AUTO';
