// pdfmake's self-contained browser bundle and its Roboto files, for Vite to bundle (lazily, with the
// renderer). Plain JavaScript with pdfmake-browser.d.ts beside it, for the reason pdfmake-node.js gives.
export { default } from 'pdfmake/build/pdfmake.js';
export { default as vfs } from 'pdfmake/build/vfs_fonts.js';
