// This package's own files follow the rules it exports.
export { default } from './index.js';
