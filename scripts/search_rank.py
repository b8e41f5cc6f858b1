"""`make search-rank`: where the page that explains a concept comes in the site's own search.

For each query of tests/search-learners.yml, in the language it belongs to, the built site is
searched as a reader does (the theme's search box in headless Chromium) and the results are read as
pages, not sections: the rank of the expected page among them, or none. The figures (first, among
the first three) are for comparing search settings; they pass or fail nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.chromium import launched, open_page
from scripts.project import Project

QUERIES = Path("tests") / "search-learners.yml"
# The results are in once the box holds the query and the line above them gives their count
# ("24 documents trouvés", or none), rather than "Initializing search" (the index is loading) or
# "Type to start searching".
SEARCH_DONE = r"""query => {
    const translations = JSON.parse(document.getElementById('__config').textContent).translations;
    const counts = ['search.result.none', 'search.result.one', 'search.result.other'].map(key => new RegExp(
        '^' + translations[key].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('#', '\\d+') + '$'));
    const meta = document.querySelector('.md-search-result__meta').textContent.trim();
    return document.querySelector('[data-md-component=search-query]').value === query
        && counts.some(count => count.test(meta));
}"""
SETTLE_MS = 300  # the result list is written in batches after the count
# Issue 12's goals, in each language: the page that explains the concept first for 75% of the
# queries, among the first three pages for 90%. tests/test_search.py holds the site to them.
GOALS = {"first": 0.75, "top3": 0.90}


@dataclass(frozen=True)
class Rank:
    language: str
    query: str
    expected: str
    rank: int | None  # among the result pages, from 1


def search(page, query: str) -> list[str]:
    """The pages of the results, in order, as URL paths (a Playwright page on the site)."""
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    box.fill(query)
    box.press("End")  # the search runs on key events, not on a programmatic fill
    page.wait_for_function(SEARCH_DONE, arg=query)
    page.wait_for_timeout(SETTLE_MS)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.pathname)")
    return list(dict.fromkeys(hrefs))


def ranks(project: Project, site: Path, queries: dict[str, dict[str, str]]) -> list[Rank]:
    from scripts.preview import serving

    with serving(site, project.site_url) as url, launched() as browser:
        return ranks_on(browser.new_page(), url, project, queries)


def ranks_on(tab, url: str, project: Project, queries: dict[str, dict[str, str]]) -> list[Rank]:
    """The rank of each query's page, searched in `tab` (a Playwright page) on the site at `url`."""
    found = []
    base = "/" + url.split("://", 1)[1].split("/", 1)[1]
    for language in project.languages:
        open_page(tab, url + language.prefix)
        for query, expected in (queries.get(language.code) or {}).items():
            pages = search(tab, query)
            target = base + language.prefix + expected
            found.append(Rank(language.code, query, expected, pages.index(target) + 1 if target in pages else None))
    return found


def shares(found: list[Rank]) -> dict[str, dict[str, float]]:
    """Per language, the share of queries whose page comes first, and among the first three."""
    result = {}
    for language in dict.fromkeys(rank.language for rank in found):
        mine = [rank for rank in found if rank.language == language]
        result[language] = {"first": sum(rank.rank == 1 for rank in mine) / len(mine),
                            "top3": sum(rank.rank is not None and rank.rank <= 3 for rank in mine) / len(mine)}
    return result


def render(found: list[Rank]) -> str:
    lines = [f"{'language':<8} {'rank':>4}  query -> page"]
    lines += [f"{rank.language:<8} {rank.rank or '-':>4}  {rank.query} -> {rank.expected}" for rank in found]
    for language, share in shares(found).items():
        count = sum(rank.language == language for rank in found)
        met = all(share[goal] >= GOALS[goal] for goal in GOALS)
        lines.append(f"{language}: {count} queries, first {share['first']:.0%}, among the first 3 pages "
                     f"{share['top3']:.0%} (goals {GOALS['first']:.0%} and {GOALS['top3']:.0%}: "
                     f"{'met' if met else 'NOT met'})")
    return "\n".join(lines)


def run(project: Project, site: Path) -> int:
    if not (site / "index.html").is_file():
        print(f"python -m scripts search-rank: no site in {project.display(site)}/ (run 'make build' first)",
              file=sys.stderr)
        return 2
    queries = yaml.safe_load((project.root / QUERIES).read_text(encoding="utf-8"))
    print(render(ranks(project, site, queries)))
    return 0
