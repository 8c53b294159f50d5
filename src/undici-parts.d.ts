// The two undici internals the tool imports directly (see src/gather/undici.ts).
declare module 'undici/lib/dispatcher/client.js' {
  const Client: unknown;
  export default Client;
}
declare module 'undici/lib/api/api-request.js' {
  const request: unknown;
  export default request;
}
