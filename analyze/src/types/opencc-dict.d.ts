/** opencc-js ships its dictionaries as ES modules of one string ("from to|from to|...") without types. */
declare module 'opencc-js/dict/*' {
  const pairs: string;
  export default pairs;
}
