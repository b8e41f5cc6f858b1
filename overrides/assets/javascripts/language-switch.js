/*
 * The language switch: takes the reader to the same page in the other language.
 *
 * Every language is its own site and all of them share their relative paths, so the counterpart
 * of <root>/X is <other root>/X. Each switch link carries `data-md-lang-root`, the path from this
 * language's root to its own. The header is not replaced by instant navigation, so the target is
 * computed from the current address when the reader clicks; when the counterpart does not exist,
 * the reader lands on that language's home page instead.
 */
(() => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  // This language's root, resolved against the address the page was first loaded from.
  const languageRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);
  const switchLinks = () => document.querySelectorAll("a[data-md-lang-root]");

  function targetsOf(link) {
    const home = new URL(link.dataset.mdLangRoot, languageRoot);
    const here = location.pathname.startsWith(languageRoot.pathname)
      ? location.pathname.slice(languageRoot.pathname.length)
      : "";
    const page = link.hasAttribute("data-md-lang-home") ? home : new URL(here, home);
    return { page, home };
  }

  async function exists(url) {
    try {
      const response = await fetch(url, { method: "HEAD", cache: "no-cache" });
      await response.arrayBuffer(); // let the request finish before the page goes away
      return response.ok;
    } catch {
      return false;
    }
  }

  // Capture phase: the other language is another site, so Material's instant navigation,
  // which listens further down, must not load it into this one.
  document.addEventListener("click", async (event) => {
    const link = event.target instanceof Element && event.target.closest("a[data-md-lang-root]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    const { page, home } = targetsOf(link);
    location.assign(page.href === home.href || (await exists(page)) ? page : home);
  }, true);

  // Keep each link's href right too, for a middle click, a copied link or the status bar.
  const refreshLinks = () => switchLinks().forEach((link) => { link.href = targetsOf(link).page.href; });

  // main.html hides this page's hreflang alternates from Material's own stay-on-page logic
  // while it looks for them; put them back for everything else that reads the <head>.
  const showAlternates = () => document.querySelectorAll('link[rel="x-alternate"][hreflang]')
    .forEach((link) => { link.rel = "alternate"; });

  const afterEachPage = () => { showAlternates(); refreshLinks(); };
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(afterEachPage);
  } else {
    document.addEventListener("DOMContentLoaded", afterEachPage, { once: true });
  }
})();
