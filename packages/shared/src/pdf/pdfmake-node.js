// pdfmake's Node build (its package "main": a ready instance) and the Roboto files of its browser bundle.
// Kept in plain JavaScript with pdfmake-node.d.ts beside it, so the compiler never loads @types/pdfmake,
// whose DOM and Node typings would otherwise spread into the shared package.
export { default } from 'pdfmake';
export { default as vfs } from 'pdfmake/build/vfs_fonts.js';
