/** opencc-js ships its dictionaries as ES modules of one string ("from to|from to|...") without types. */
declare module 'opencc-js/dict/TSCharacters' {
  const pairs: string;
  export default pairs;
}

declare module 'opencc-js/dict/STCharacters' {
  const pairs: string;
  export default pairs;
}
