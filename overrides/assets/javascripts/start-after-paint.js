/*
 * The page's scripts start once the page is on screen, not before.
 *
 * Material's bundle is about 35 KB of compressed script that mounts every component of the page
 * as it starts. Run where the theme puts it, at the end of <body>, its evaluation forces the
 * page's first style and layout and its start-up recalculates the style of the whole document
 * several times, in two long tasks that hold the first paint back or block the reader's first
 * taps: most of the page's total blocking time (issue 12, part 4). The `scripts` block of
 * overrides/main.html therefore renders those scripts inert (`type="text/plain"`, their address
 * in `data-src`); this one, the only script file that runs at parse time, starts them in their order
 * after the first paint. The page reads, scrolls and follows links meanwhile: Material adds
 * instant navigation, search and tab syncing a moment later; the header already looks started
 * (partials/start-state.html).
 *
 * Material starts on DOMContentLoaded, which has fired by then; it gets a second one, sent to
 * the document when its bundle has run. `window.scriptsStarted` resolves after that: the
 * browser tests and the scripts that drive Chromium wait for it before they act on a page.
 */
(() => {
  // Instant navigation starts by making every relative address of the page absolute (`el.href =
  // el.href`, skipping those already absolute). After the first paint, that restyles some hundred
  // links in the middle of the bundle's evaluation, and after the load event it downloads every
  // stylesheet again. Done here, while the page parses, it costs next to nothing, reloads nothing,
  // and Material's pass finds nothing to change.
  function makeAddressesAbsolute() {
    for (const element of document.querySelectorAll("[href], [src]")) {
      for (const name of ["href", "src"]) {
        const value = element.getAttribute(name);
        if (value && !/^(?:[a-z]+:)?\/\//i.test(value)) {
          element[name] = element[name];
          break;
        }
      }
    }
  }
  makeAddressesAbsolute();

  const inert = [...document.querySelectorAll("script[data-after-paint]")];

  const parsed = new Promise((resolve) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve, { once: true });
    else resolve();
  });
  // The first paint is the browser's report of it (a `paint` entry), not the first frame: the
  // frame is shown a little after its main-thread work ends, and the whole page is in it
  // (partials/first-paint.html). Without paint timing, the task after the first frame.
  const painted = new Promise((resolve) => {
    if (!PerformanceObserver.supportedEntryTypes?.includes("paint")) {
      requestAnimationFrame(() => setTimeout(resolve));
      return;
    }
    new PerformanceObserver((entries, observer) => {
      observer.disconnect();
      resolve();
    }).observe({ type: "paint", buffered: true });
  });

  // A script added by a script runs as soon as it arrives unless `async` is off: these run in
  // the order they are listed, each downloaded as early as possible. They go into <head> and the
  // placeholders stay: a node added to or removed from <body> restyles the whole document (the
  // theme's `table:not([class]) + *` rules).
  function start(placeholder) {
    const script = document.createElement("script");
    script.src = new URL(placeholder.dataset.src, document.baseURI).href;  // absolute, as above
    script.async = false;
    const ran = new Promise((resolve) => {
      script.addEventListener("load", resolve, { once: true });
      script.addEventListener("error", resolve, { once: true });
    });
    document.head.append(script);
    return ran;
  }

  window.scriptsStarted = Promise.all([parsed, painted])
    .then(() => Promise.all(inert.map(start)))
    .then(() => { document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true })); });
})();
