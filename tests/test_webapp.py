"""The web app's pages over HTTP (a real server on 127.0.0.1, no browser): what
each page holds, the tracker's statuses, errors, and `serve` refusing a folder
with no records. The browser tests are in test_webapp_browser.py."""
from datetime import date

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest

from reply_extractor.cli import main
from reply_extractor.serve import create_app
from reply_extractor.serve.store import Store

from webapp_harness import Server, shared_batch


@dataclass
class Page:
    status_code: int
    text: str


class Client:
    def __init__(self, url):
        self.url = url

    def get(self, path, params=None) -> Page:
        url = self.url + quote(path) + ("?" + urlencode(params) if params else "")
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                return Page(r.status, r.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            return Page(e.code, e.read().decode("utf-8"))


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return shared_batch()


@pytest.fixture(scope="module")
def client(out):
    with Server(create_app(out, today=date(2024, 9, 1))) as server:
        yield Client(server.url)


def test_search_is_a_bookmarkable_url_with_facets(client):
    page = client.get("/search", params={"q": "补贴", "kind": "figure", "year": "2022"}).text
    assert 'data-facet="kind"' in page and 'data-facet="issuer"' in page and 'data-facet="region"' in page
    assert "2860万元" in page and "住房租赁补贴" in page
    assert ">3200套</a>" not in page  # in the same sentence, but not a figure about 补贴


def test_a_bad_query_says_why(client):
    assert "only leaves words out" in client.get("/search", params={"q": "-补贴"}).text


def test_unknown_reply_and_entity_are_404(client):
    assert client.get("/reply/nope").status_code == 404
    assert client.get("/entity/program:nope").status_code == 404


def test_tracker_status_against_today(out):
    store = Store(out)
    status = {(p.reply.doc_id, p.item.get("deadline")): p.status(date(2024, 9, 1)) for p in store.promises}
    assert status[("qingxi-rsj-2022-015", "2023-12-31")] == "overdue"
    assert status[("qingxi-zjj-2023-033", "2024-06-30")] == "overdue"
    assert status[("qingxi-rsj-2024-021", "2025-12-31")] == "not yet due"
    soon = {p.reply.doc_id: p.status(date(2024, 5, 1)) for p in store.promises if p.item.get("deadline") == "2024-06-30"}
    assert soon["qingxi-zjj-2023-033"] == "due"  # within 90 days


def test_reported_on_in_links_later_replies_only(out):
    store = Store(out)
    (early,) = [p for p in store.promises if p.reply.doc_id == "qingxi-rsj-2022-015"]
    assert [r.doc_id for r, _ in early.reported_in] == ["qingxi-rsj-2024-021"]
    (late,) = [p for p in store.promises if p.reply.doc_id == "qingxi-rsj-2024-021"]
    assert late.reported_in == []  # nothing later in the batch


def test_tracker_filters_by_agency_and_year(client):
    page = client.get("/tracker", params={"agency": "青溪市住房和城乡建设局", "year": "2023"}).text
    assert "2024-06-30" in page and "2023-12-31" not in page


def test_entity_page_lists_mentions_by_year(client):
    page = client.get("/entity/program:青溪英才驿站").text
    assert page.index(">2022<") < page.index(">2024<")


def test_serve_refuses_a_folder_with_no_records(tmp_path, capsys):
    assert main(["serve", str(tmp_path)]) == 1
    assert "no records" in capsys.readouterr().err


def test_search_works_without_the_index(out, tmp_path):
    import shutil
    from reply_extractor.search import parse_query
    from reply_extractor.serve.app import _find
    bare = tmp_path / "bare"
    bare.mkdir()
    for f in out.glob("*.json"):
        shutil.copy(f, bare / f.name)
    store = Store(bare)
    assert not store.has_index()
    found = {(r.doc_id, kind, item["surface"]) for r, kind, _, item in _find(store, "补贴", parse_query("补贴"))}
    assert ("qingxi-zjj-2023-033", "figure", "2860万元") in found
