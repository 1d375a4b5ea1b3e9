'use strict';

exports.main_handler = async (event) => {
  const style = process.env.STYLE || 'plain';
  const who = (event && event.name) || 'world';
  const text = style === 'loud' ? `HELLO, ${who.toUpperCase()}!` : `Hello, ${who}.`;
  return { text };
};
