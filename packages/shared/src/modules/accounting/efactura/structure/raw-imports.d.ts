/** The test reads these schemas as text through the bundler (`?raw`), not through the file system. */
declare module '*.xsd?raw' {
  const text: string;
  export default text;
}
