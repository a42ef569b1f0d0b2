"""The web app as a person uses it, in a real headless Chromium: search,
narrow by facets, open a reply with the item highlighted, follow an entity,
list an agency's overdue promises. Screenshots go to tmp/artifacts/
(REPLY_EXTRACTOR_ARTIFACTS overrides)."""
from datetime import date

import pytest

from webapp_harness import (ARTIFACTS, CHROMIUM_ARGS, Server, browser_skip_reason, shared_batch,
                            chromium_path)

pytestmark = pytest.mark.skipif(browser_skip_reason() is not None, reason=str(browser_skip_reason()))

TODAY = date(2024, 9, 1)  # the tracker's "today": 2023 deadlines are overdue, 2025 ones not yet due


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from reply_extractor.serve import create_app
    out = shared_batch()
    with Server(create_app(out, today=TODAY)) as server:
        yield server.url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def facet(page, name: str, value: str):
    return page.locator(f'ul[data-facet="{name}"] a[data-value="{value}"]')


def test_figures_about_subsidies_in_2022_in_two_clicks_then_the_reply(site, page):
    page.goto(f"{site}/search")
    page.fill("input[name=q]", "补贴")
    page.keyboard.press("Enter")
    page.wait_for_selector("article.hit")
    assert "q=%E8%A1%A5%E8%B4%B4" in page.url  # the URL is the query: bookmark it, share it
    facet(page, "kind", "figure").click()           # click 1
    facet(page, "year", "2022").click()             # click 2
    hits = page.locator("article.hit")
    assert hits.count() >= 1
    assert set(hits.evaluate_all("els => els.map(e => e.dataset.kind)")) == {"figure"}
    texts = hits.all_inner_texts()
    assert any("2860万元" in t and "住房租赁补贴" in t for t in texts)  # value, metric shown
    assert all("2022" in t for t in texts)
    # the item is marked inside its sentence, the query word too
    first = hits.filter(has=page.locator("a.item-title", has_text="2860万元")).first
    assert first.locator("mark.item").inner_text() == "2860万元"
    assert "补贴" in first.locator("mark.q").all_inner_texts()
    shot(page, "search-subsidies-figures-2022")

    first.locator("a.item-title").click()          # click 3: the reply, at the item
    page.wait_for_selector(".reply-text")
    assert "#item-figure-" in page.url
    target = page.locator(":target")
    assert "2860万元" in target.inner_text()
    assert target.is_visible()
    shot(page, "reply-with-figure-highlighted")


def test_reply_page_links_text_and_table_rows_both_ways(site, page):
    page.goto(f"{site}/reply/qingxi-zjj-2023-033")
    page.locator("a.item-link", has_text="3200套").click()
    assert page.url.endswith("#row-figure-0")
    row = page.locator("tr:target")
    assert "3200" in row.inner_text() and "保障性租赁住房" in row.inner_text()
    row.locator("a").first.click()
    assert page.url.endswith("#item-figure-0")
    assert page.locator(":target").inner_text().startswith("3200套")


def test_follow_a_programme_across_replies_by_year(site, page):
    page.goto(f"{site}/reply/qingxi-rsj-2022-015")
    page.locator("table.items-program a", has_text="program:青溪英才驿站").first.click()
    page.wait_for_selector("h1")
    assert "青溪英才驿站" in page.locator("h1").inner_text()
    years = page.locator("h2.year").all_inner_texts()
    assert years == ["2022", "2024"]
    assert page.locator("article.mention").count() >= 3
    shot(page, "entity-programme-by-year")
    page.locator("article.mention a", has_text="qingxi-rsj-2024-021").first.click()
    assert "/reply/qingxi-rsj-2024-021" in page.url


def test_tracker_lists_one_agencys_overdue_promises(site, page):
    page.goto(f"{site}/tracker")
    page.select_option("#agency", "青溪市人力资源和社会保障局")
    page.select_option("#status", "overdue")
    page.click("form.filters button")
    page.wait_for_selector("#tracker")
    rows = page.locator("#tracker tbody tr")
    assert rows.count() == 1
    row = rows.first
    text = row.inner_text()
    assert "overdue" in text and "2023-12-31" in text and "青溪英才驿站" in text
    # a later reply of the batch reports on it
    assert row.locator("td.reported a").all_inner_texts() == ["qingxi-rsj-2024-021"]
    shot(page, "tracker-overdue-one-agency")
    # not yet due: the 2025 promise of the later reply
    page.select_option("#status", "not yet due")
    page.click("form.filters button")
    assert "2025-12-31" in page.locator("#tracker tbody").inner_text()


def test_paging_and_a_bad_query(site, page):
    page.goto(f"{site}/search?q=年")
    assert page.locator("article.hit").count() == 20
    page.locator("a[rel=next]").click()
    assert "page=2" in page.url and page.locator("article.hit").count() >= 1
    page.goto(f"{site}/search?q=-补贴")
    assert "only leaves words out" in page.locator("#error").inner_text()


def test_conflicts_page_shows_sources_side_by_side(site, page):
    page.goto(f"{site}/conflicts")
    assert page.locator("h1").inner_text() == "Figures that disagree"
