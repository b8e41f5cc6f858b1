/*
 * The reader's query, rewritten before Material's search worker runs it (the `config` block of
 * overrides/main.html loads this script instead, and names Material's worker in its `worker`
 * parameter). Each change was measured on tests/search-learners.yml with `make search-rank`.
 *
 * - Without stop words: Material adds a trailing wildcard to every word, so "base de données" was
 *   looked up as "base* de* données*", and "de*" matches nearly every French word. Stop words are
 *   not in the index, so the ones the reader has finished typing are dropped (a word still being
 *   typed may be the start of a longer one).
 * - Stemmed: the index holds stems (`pipeline` in mkdocs.yml), but a word with a wildcard skips
 *   lunr's pipeline, so each word is stemmed here: "instances" -> "instanc*".
 * - Every word required first: Material matches any word of the query, so "security group" listed
 *   first every page with a "Pitfalls and security" heading. The sections holding every word
 *   (lunr's `+`) come first, then the pages that only the any-word query finds (a typo, words
 *   spread over two sections).
 * - A page whose title holds the whole query, stop words included ("what is AWS"), comes first.
 */
const SETUP = 0;  // Material's message types, from its search worker's protocol
const QUERY = 2;
const RESULT = 3;
const LUNR_SYNTAX = /["+~^:*]|(^|\s)-/;  // a query written in lunr's own syntax is left as it is
let languages = [];
let stemmed = false;  // whether the index holds stems (`stemmer` in the search plugin's `pipeline`)
let separator = /[\s-]+/;  // between words, as in the index (the search plugin's `separator`)
let finishedWord = /[\s-]$/;  // a separator at the end: the last word is typed in full
let rerunning = false;  // while the any-word form goes to Material's worker, past the rewriting
const pending = [];  // the queries sent to Material's worker, oldest first, as {all, any, held}
const postResult = self.postMessage.bind(self);

function pipelines(name) {
  return languages.map((language) => (language === "en" ? lunr : lunr[language])?.[name]).filter(Boolean);
}

function isStopWord(word) {
  return /^\p{L}+$/u.test(word) && pipelines("stopWordFilter").some((filter) => filter(word.toLowerCase()) === undefined);
}

// A word with a trailing wildcard skips lunr's pipeline: it is stemmed here, as the index was.
function stem(word) {
  if (!stemmed) return word;
  return pipelines("stemmer").reduce((token, stemmer) => stemmer(token), new lunr.Token(word.toLowerCase())).toString();
}

// "the security groups" -> all: "+secur* +group*", any: "secur* group*".
function forms(query) {
  const words = query.split(separator).filter(Boolean);
  const finished = finishedWord.test(query) ? words.length : words.length - 1;
  const kept = words.filter((word, index) => index >= finished || !isStopWord(word));
  if (LUNR_SYNTAX.test(query) || !kept.length) return { all: query, any: query, title: "" };
  const stems = kept.map((word) => `${stem(word)}*`);
  return { all: stems.length > 1 ? stems.map((word) => `+${word}`).join(" ") : stems[0], any: stems.join(" "),
    title: words.length > 1 ? plain(query) : "" };
}

function runAnyWord(query) {
  pending.push(query);
  rerunning = true;
  dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: query.any } }));
  rerunning = false;
}

// Registered before Material's worker is loaded, so it sees each message first and can rewrite it.
addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    languages = message.data.config.lang;
    stemmed = message.data.config.pipeline.includes("stemmer");
    separator = new RegExp(message.data.config.separator ?? separator.source);
    finishedWord = new RegExp(`(?:${separator.source})$`);
  } else if (message.type === QUERY && typeof message.data === "string" && !rerunning) {
    const query = forms(message.data);
    message.data = query.all;
    pending.push(query);
  }
});

const pageOf = (group) => group[0].location.split("#")[0];

// Lower case, no accents, no markup nor punctuation: "What is <mark>AWS</mark>?" -> "what is aws".
function plain(text) {
  return ` ${text.replace(/<[^>]+>/g, "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
}

// A page whose title holds the whole query, stop words included ("what is AWS"), comes first.
function titleFirst(items, title) {
  const named = (group) => title && group.some((result) => !result.location.includes("#") && plain(result.title).includes(title));
  return [...items.filter(named), ...items.filter((group) => !named(group))];
}

// Material's worker answers each query in order. The answer to the all-words form is held while
// the any-word form runs, and the pages only the latter finds come after those of the former.
self.postMessage = (message) => {
  if (message?.type !== RESULT || !pending.length) return postResult(message);
  const query = pending.shift();
  if (!query.held && query.all !== query.any && !pending.length) return runAnyWord({ ...query, held: message.data });
  const found = query.held ?? message.data;
  const pages = new Set(found.items.map(pageOf));
  const added = query.held ? message.data.items.filter((group) => !pages.has(pageOf(group))) : [];
  postResult({ ...message, data: { ...found, items: titleFirst([...found.items, ...added], query.title) } });
};

importScripts(new URLSearchParams(location.search).get("worker"));
