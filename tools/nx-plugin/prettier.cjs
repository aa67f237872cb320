/** Paved's Prettier preset: reference it from .prettierrc as "@paved/nx/prettier". */
module.exports = {
  singleQuote: true,
  printWidth: 120,
  trailingComma: 'all',
};
