// Given to emcc as --pre-js (assessment.cmake), so it runs inside the generated module.
// Compiles the WebAssembly that -sSINGLE_FILE embeds in assessment.js straight from its
// bytes. Emscripten would first fetch() its data: URL, which the pages'
// Content-Security-Policy refuses (it allows no connections at all) and reports as an
// error before falling back to the same bytes.
Module["instantiateWasm"] = (imports, receiveInstance) => {
  WebAssembly.instantiate(tryParseAsDataURI(wasmBinaryFile), imports).then((result) =>
    receiveInstance(result.instance, result.module),
  );
  return {}; // the exports arrive through receiveInstance
};
