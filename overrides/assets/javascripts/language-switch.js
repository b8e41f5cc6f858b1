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
      return (await fetch(url, { method: "HEAD", cache: "no-cache" })).ok;
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

  /*
   * The <head> lists this page in every language (<link rel="alternate" hreflang>, for search
   * engines). Material's own stay-on-page logic, which this file replaces, fetches "sitemap.xml"
   * beside every such link whenever a page is shown; beside a page rather than a language root,
   * that asks the production host for /<page>/sitemap.xml, a request that leaves the site and
   * fails. The links are hidden from it while it looks (on load, and at each instant navigation,
   * which a click or a history move starts) and put back once it has looked.
   */
  const alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')];
  const hideAlternates = () => alternates.forEach((link) => { link.rel = "x-alternate"; });
  const showAlternates = () => alternates.forEach((link) => { link.rel = "alternate"; });
  hideAlternates();
  document.addEventListener("click", hideAlternates, true);
  window.addEventListener("popstate", hideAlternates, true);

  const afterEachPage = () => { showAlternates(); refreshLinks(); };
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(afterEachPage);
  } else {
    document.addEventListener("DOMContentLoaded", afterEachPage, { once: true });
  }
})();
