/*
 * The search index loads when the reader first opens the search, not with every page.
 *
 * Material requests search/search_index.json as soon as a page opens, over XMLHttpRequest: about
 * 90 KB compressed for English and 115 KB for French, well over half of what a first visit to a
 * page downloads, parsed on the main thread whether or not the reader ever searches. This script,
 * loaded just before Material's bundle (see the `scripts` block of overrides/main.html), holds that
 * one request back until the search box gets the focus or the search toggle opens, which is also
 * what happens when a reader presses "/" or lands on a `?q=` link. Queries typed in the meantime are
 * kept by Material and run as soon as the index is in.
 */
(() => {
  const INDEX = /\/search\/search_index\.json$/;
  let release;
  const searchOpened = new Promise((resolve) => { release = resolve; });
  const held = new WeakSet();

  const { open: openRequest, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (INDEX.test(new URL(url, location.href).pathname)) held.add(this);
    return openRequest.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!held.has(this)) return send.apply(this, body);
    searchOpened.then(() => send.apply(this, body));
  };

  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.matches("[data-md-component=search-query]")) release();
  });
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.id === "__search" && event.target.checked) release();
  });
})();
