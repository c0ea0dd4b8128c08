// Preload (node -r ./no-native-crc.cjs): hides the optional native @node-rs/crc32 so
// @platformatic/kafka runs on its non-native CRC32C, as with `npm install --omit=optional`.
const Module = process.getBuiltinModule('node:module'); // a preload: CommonJS, and no require() in this repository
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === '@node-rs/crc32') throw Object.assign(new Error('hidden by no-native-crc.cjs'), { code: 'MODULE_NOT_FOUND' });
  return resolve.call(this, request, ...rest);
};
