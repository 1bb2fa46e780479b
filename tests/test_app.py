"""The app driven through its widgets with streamlit's AppTest: chat, chips, relaxations, uploads."""

import csv
import html
import io
import json
import logging
import re
import string
import tomllib
from pathlib import Path

import pytest
import streamlit as st
from hypothesis import given, settings
from hypothesis import strategies as hypothesis_st
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Button

from recommender.formatting import plain
from tests.conftest import shared_file

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
CLASSIC = "I need a laptop with RAM 8GB, HDD 1TB, and processor i5 at Rs. 40000"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """One cache home for all app tests (the model and catalogs are cached per process anyway)."""
    monkeypatch.setenv("PRODUCT_FINDER_HOME", str(tmp_path_factory.getbasetemp() / "app-home"))


def start() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300).run()
    assert not at.exception
    return at


def catalog_caption(at: AppTest) -> str:
    """The sidebar's catalog line as a shopper reads it (without markdown escapes)."""
    return at.sidebar.caption[0].value.replace("\\", "")


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_start_page_shows_the_catalog_and_examples():
    at = start()
    assert at.title[0].value == "Product finder"
    assert "products.csv" in catalog_caption(at)
    assert any(b.label == CLASSIC for b in at.button)
    first_screen = at.info[0].value.replace("\\", "")  # which catalog, and how to bring one's own
    assert "Searching **products.csv**: 1,376 products" in first_screen and "upload a catalog" in first_screen


def test_a_chat_turn_gives_priced_cards_reasons_and_charts():
    at = start()
    at.chat_input[0].set_value(CLASSIC).run()
    assert not at.exception and not at.error
    text = markdown(at)
    assert "Nothing meets every need" in text and "₹990 over budget" in text
    assert text.count("₹") >= 5  # a price on every card
    assert [c.key for c in at.get("plotly_chart")] == ["map-0"]  # a product's charts wait for its "Why this one?"
    assert any(b.label.startswith("raise the budget to ₹") for b in at.button)
    at.button(key=f"why-0-{first_row(at)}").click().run()
    assert not at.exception and not at.error
    assert {c.key for c in at.get("plotly_chart")} == {"map-0", "why-parts", "why-needs", "why-price"}
    assert "1. HP 15s" in markdown(at)  # the dialog names the product it explains


def first_row(at: AppTest) -> str:
    """The catalog row of the latest answer's first card (its buttons' keys end with it)."""
    return next(b.key for b in at.button if (b.key or "").startswith("why-")).rsplit("-", 1)[1]


def test_removing_a_chip_ranks_again():
    at = start()
    at.chat_input[0].set_value(CLASSIC).run()
    next(b for b in at.button if b.label.startswith("price")).click().run()
    assert not at.exception
    assert "products meet every need" in at.chat_message[-1].markdown[0].value
    assert not any(b.label.startswith("price") for b in at.button)


def test_taking_a_relaxation_proposal():
    at = start()
    at.chat_input[0].set_value(CLASSIC).run()
    next(b for b in at.button if b.label.startswith("raise the budget")).click().run()
    assert "meet every need" in at.chat_message[-1].markdown[0].value


def test_upload_review_use_and_query_a_real_catalog():
    data = shared_file("catalogs/laptop_price_kaggle_eur.csv").read_bytes()
    at = start()
    at.sidebar.file_uploader[0].set_value(("laptops.csv", data, "text/csv")).run()
    assert not at.exception
    use = next(b for b in at.sidebar.button if b.label == "Use this catalog")
    use.click().run()
    assert "laptops.csv" in catalog_caption(at) and "EUR" in catalog_caption(at)
    at.chat_input[0].set_value("dell laptop with 8gb ram under 800 euros").run()
    assert not at.exception and "€" in markdown(at)


def test_a_broken_upload_explains_and_keeps_the_catalog():
    at = start()
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(600)
    at.sidebar.file_uploader[0].set_value(("products.csv", png, "text/csv")).run()
    assert not at.exception
    assert any("binary" in e.value for e in at.sidebar.error)
    assert "products.csv" in catalog_caption(at) and "1,376 products" in catalog_caption(at)


def test_sessions_do_not_share_uploads():
    mine, theirs = start(), start()
    csv = b"name,price,ram\nSecret Book,\xe2\x82\xb940000,8 GB\nOther Book,\xe2\x82\xb950000,16 GB\n"
    mine.sidebar.file_uploader[0].set_value(("mine.csv", csv, "text/csv")).run()
    next(b for b in mine.sidebar.button if b.label == "Use this catalog").click().run()
    assert "mine.csv" in catalog_caption(mine)
    theirs.run()
    assert "mine.csv" not in catalog_caption(theirs)


def test_product_text_with_markup_is_shown_as_typed():
    at = start()
    csv = "name,price\n**Bold** <b>Laptop</b> [link](http://x),₹40000\nPlain Laptop,₹45000\n".encode()
    at.sidebar.file_uploader[0].set_value(("markup.csv", csv, "text/csv")).run()
    next(b for b in at.sidebar.button if b.label == "Use this catalog").click().run()
    at.chat_input[0].set_value("laptop under 50k").run()
    assert not at.exception
    cards = [m.value for m in at.markdown if "Laptop" in m.value]
    assert any(r"\*\*Bold\*\* \<b\>Laptop\</b\>" in card for card in cards)


def test_a_100k_character_message_is_answered():
    at = start()
    at.chat_input[0].set_value("16gb ram laptop " + "x" * 100_000).run()
    assert not at.exception and not at.error
    assert at.chat_message


# ---- bad input: oversized uploads, double clicks, a reloaded page --------------------------------------
def click_again(at: AppTest, button: Button) -> AppTest:
    """The second click of a double click: its trigger arrives after the page was redrawn without the button.

    A browser sends the stale button's id with the widget values of the page now shown; AppTest has no
    public call for a widget that is no longer on the page, hence its internals here.
    """
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=button.id, trigger_value=True))
    return at._run(states)


def chip_labels(at: AppTest) -> list[str]:
    return [b.label for b in at.main.button if (b.key or "").startswith("chip-")]


def test_a_file_over_the_upload_limit_is_refused_naming_size_and_limit(monkeypatch):
    configured = st.get_option
    limits = {"server.maxUploadSize": 1}  # MB; .streamlit/config.toml says 200, too big to send in a test
    monkeypatch.setattr(st, "get_option", lambda name: limits.get(name) or configured(name))
    at = start()
    at.chat_input[0].set_value(CLASSIC).run()
    big = b"name,price,ram\n" + b"Some Laptop Model With A Long Name,40000,8 GB\n" * 34_000  # 1.5 MB
    at.sidebar.file_uploader[0].set_value(("big.csv", big, "text/csv")).run()  # AppTest skips the widget's check
    assert not at.exception
    message = " ".join(e.value for e in at.sidebar.error)
    assert "big.csv is 1.5 MB" in message.replace("\\", "") and "the upload limit is 1 MB" in message
    assert not any(b.label == "Use this catalog" for b in at.sidebar.button)
    assert "products.csv" in catalog_caption(at) and len(at.chat_message) == 2  # catalog and chat untouched


def test_a_double_click_on_a_chip_removes_one_need():
    at = start()
    at.chat_input[0].set_value(CLASSIC).run()
    before = chip_labels(at)
    ram = next(b for b in at.main.button if b.label.startswith("RAM"))
    ram.click().run()
    click_again(at, ram)
    assert not at.exception and not at.error
    assert chip_labels(at) == [label for label in before if not label.startswith("RAM")]
    assert len(at.chat_message) == 4  # one removal answered, not two


def test_a_double_click_on_a_relaxation_takes_it_once():
    at = start()
    at.chat_input[0].set_value(CLASSIC).run()
    relax = next(b for b in at.main.button if b.label.startswith("raise the budget"))
    relax.click().run()
    after_one = chip_labels(at)
    click_again(at, relax)
    assert not at.exception and not at.error
    assert chip_labels(at) == after_one and len(at.chat_message) == 4


def test_using_the_same_catalog_twice_keeps_the_conversation():
    at = start()
    csv = "name,price,ram\nAlpha Laptop,₹40000,8 GB\nBeta Laptop,₹50000,16 GB\n".encode()
    at.sidebar.file_uploader[0].set_value(("two.csv", csv, "text/csv")).run()
    use = next(b for b in at.sidebar.button if b.label == "Use this catalog")
    use.click().run()
    at.chat_input[0].set_value("laptop with 16gb ram").run()
    next(b for b in at.sidebar.button if b.label == "Use this catalog").click().run()
    assert not at.exception and "two.csv" in catalog_caption(at)
    assert len(at.chat_message) == 2


def test_a_reloaded_page_starts_clean():
    talked = start()
    talked.chat_input[0].set_value(CLASSIC).run()
    reloaded = start()  # a browser refresh is a new session
    assert not reloaded.exception and not reloaded.error
    assert not reloaded.chat_message and any(b.label == CLASSIC for b in reloaded.button)
    talked.chat_input[0].set_value("not HP").run()  # the first tab carries on
    assert not talked.exception and len(talked.chat_message) == 4


def card_titles(at: AppTest) -> list[str]:
    return [m.value for m in at.chat_message[-1].markdown if re.match(r"\*\*\d+\. ", m.value)]


def test_feedback_on_a_card_ranks_again_and_says_why():
    at = start()
    at.chat_input[0].set_value("I need a laptop under ₹80,000").run()
    before = card_titles(at)
    likes = [b for b in at.button if (b.key or "").startswith("like-")]
    assert len(likes) == len(before) >= 3
    likes[2].click().run()
    assert not at.exception
    after = card_titles(at)
    assert after != before
    captions = " ".join(c.value for c in at.chat_message[-1].caption)
    assert "you liked this one" in captions and "which you liked" in captions
    shortlist = next(b for b in at.button if (b.key or "").startswith("shortlist-"))
    shortlist.click().run()
    assert "Your shortlist" in "\n".join(m.value for m in at.sidebar.markdown)


def test_deleting_what_the_chat_saved():
    at = start()
    at.chat_input[0].set_value("phone under 20k").run()
    at.sidebar.button(key="forget").click().run()
    assert not at.exception
    deleted = re.search(r"Deleted (\d+) saved records", at.toast[0].value)
    assert deleted and int(deleted.group(1)) > 0  # the turn, its impressions and the session were there


LAB = str(Path(__file__).resolve().parents[1] / "pages" / "model_lab.py")


def test_model_lab_compares_models_and_trains_on_an_uploaded_log():
    at = AppTest.from_file(LAB, default_timeout=300).run()
    assert not at.exception and at.title[0].value == "Model lab"
    chosen = [t.value for t in at.text]  # each log's settings and why, from the shipped benchmark results
    assert any("sasrec: dense log (105 actions per user" in t for t in chosen)
    assert any("caser: sparse log (8 actions per user" in t for t in chosen)
    rows = [[(u * 7 + k) % 40 for k in range(4)] for u in range(50)]
    lines = ["user_id,item_id,timestamp,event"] + [
        f"u{u},{row},{1_700_000_000 + u * 10 + k},like" for u, items in enumerate(rows) for k, row in enumerate(items)
    ]
    lines.append("u1,999999,1700000999,like")  # not a row of the catalog: reported, not fatal
    at.file_uploader(key="interactions").set_value(("events.csv", "\n".join(lines).encode(), "text/csv")).run()
    assert any("not in the catalog" in w.value for w in at.warning)
    at.selectbox(key="lab-model").set_value("sasrec").run()
    at.button(key="train").click().run()
    assert not at.exception and not at.error
    assert "Trained sasrec" in at.success[0].value


def test_an_uploaded_catalog_answers_while_its_meaning_is_prepared(held_preparation):
    rows = "".join(f"Kettle {i},Brand{i % 3},{20 + i}\n" for i in range(30))
    at = start()
    at.sidebar.file_uploader[0].set_value(("kettles.csv", b"name,brand,price\n" + rows.encode(), "text/csv")).run()
    next(b for b in at.sidebar.button if b.label == "Use this catalog").click().run()
    at.chat_input[0].set_value("kettle under 30").run()
    assert not at.exception
    answer = at.chat_message[-1]
    assert "products meet every need" in answer.markdown[0].value
    assert "still being prepared" in " ".join(c.value for c in answer.caption)
    assert len(at.get("progress")) == 1  # rows done, rate and time left


def test_the_progress_bar_is_gone_and_answers_use_meaning_once_it_is_prepared(held_preparation):
    from recommender.ranking.preparation import VectorJob

    rows = "".join(f"Toaster {i},Brand{i % 3},{20 + i}\n" for i in range(30))
    at = start()
    at.sidebar.file_uploader[0].set_value(("toasters.csv", b"name,brand,price\n" + rows.encode(), "text/csv")).run()
    next(b for b in at.sidebar.button if b.label == "Use this catalog").click().run()
    assert len(at.get("progress")) == 1
    held_preparation.set()
    for job in list(VectorJob._jobs.values()):
        job.run()  # waits for the background job (it holds the job's lock) and returns its vectors
    at.run()
    assert not at.exception and not at.get("progress")
    at.chat_input[0].set_value("toaster under 30").run()
    assert "still being prepared" not in " ".join(c.value for c in at.chat_message[-1].caption)


# ---- text from a file or a shopper shows as typed; a failure is explained, never a traceback -----------
WJ = "\u2060"  # the invisible word joiner ``plain`` puts where Streamlit would otherwise find a link or an icon
#: Markup in a product's name, a header, a value, a file name or a message: each must show as typed.
MARKUP = (
    "<a href='http://evil.example/a'>a</a>",
    "**bold**",
    "[link](http://evil.example/x)",
    "http://evil.example",
    "www.evil.example",
    "shop@evil.example",
    ":red[x]",
    ":material/warning:",
    ":smile:",
    "![h](http://evil.example/p.png)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "$x^2$",
    "AT&amp;T ~~gone~~ `code` | a | b |",
)
HOSTILE = " ".join(MARKUP)
NAME_HEADER = "Product name **bold**"  # still read as the name column
PRICE_HEADER = "price ![h](http://evil.example/p.png)"  # the tracking pixel, in the schema review
#: Read by markdown wherever it stands unescaped: emphasis, code, links, images, HTML, tables, strikethrough,
#: maths and entities. The app's own bold (``**``) and line breaks (two spaces, newline) are allowed.
SYNTAX = set("\\`*_[]<>!|~$&")
#: What Streamlit finds in the text after escapes are read: bare links, e-mail links, emoji and icons.
FOUND_IN_TEXT = re.compile(r"https?://|www\.|[-.\w+]+@[-\w]+\.|:[\w+-]+:", re.IGNORECASE)


def as_shown(source: str) -> str:
    """What a shopper reads of a markdown ``source``, failing the test on any markup in it but the app's own."""
    assert ":material/" not in source, source  # Streamlit turns these into icons before parsing anything
    text, i = [], 0
    while i < len(source):
        if source.startswith("\\", i) and i + 1 < len(source) and source[i + 1] in string.punctuation:
            text.append(source[i + 1])  # an escape: the character itself
            i += 2
        elif source.startswith(("**", "  \n"), i):
            text.append("" if source[i] == "*" else "\n")
            i += 2 if source[i] == "*" else 3
        else:
            char = source[i]
            assert char not in SYNTAX and char != "\n", f"{char!r} read as markup in {source!r}"
            assert not (char == ":" and source[i + 1 : i + 2].isascii() and source[i + 1 : i + 2].isalpha()), source
            text.append(char)
            i += 1
    shown = "".join(text)
    assert not FOUND_IN_TEXT.search(shown), f"{FOUND_IN_TEXT.search(shown)[0]!r} becomes a link or icon in {source!r}"
    return shown.replace(WJ, "")


def markdown_sources(at: AppTest) -> list[str]:
    """Every text on the page that Streamlit reads as markdown: texts, captions, alerts, labels and tooltips."""
    elements = [*at.markdown, *at.caption, *at.error, *at.warning, *at.info, *at.success, *at.toast]
    widgets = [*at.button, *at.selectbox, *at.multiselect]
    return [e.value for e in elements] + [w.label for w in widgets] + [w.help for w in widgets if w.help]


def shown_text(at: AppTest) -> str:
    """The page as a shopper reads it, after checking that no text on it carries markup."""
    return "\n".join(as_shown(source) for source in markdown_sources(at))


def figure_text(spec: dict) -> list[str]:
    """Every label, bar text, hover text and legend name of a plotly figure (not the app's own templates)."""
    texts = []
    for trace in spec["data"]:
        for key in ("x", "y", "text", "hovertext", "customdata", "name"):
            values = trace.get(key, [])
            values = values if isinstance(values, list) else [values]
            texts += [str(v) for value in values for v in (value if isinstance(value, list) else [value])]
    return texts


def markup_catalog() -> bytes:
    """A catalog whose names, headers and values all carry markup; its header names its name and price."""
    rows = [[NAME_HEADER, PRICE_HEADER, "![h](http://evil.example/pixel.png)", "brand"]]
    rows += [[f"Laptop {i} {HOSTILE}", f"₹{40_000 + 1_000 * i}", f"{HOSTILE} {i}", f"Acme{i % 2}"] for i in range(8)]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    hypothesis_st.text(
        alphabet=hypothesis_st.sampled_from("\\`*_{}[]()#+-.!|<>~$&=^:@/ \n\r\twh.tpsmaterialred")
        | hypothesis_st.characters(),
        max_size=60,
    )
)
def test_any_text_through_plain_shows_as_typed(text):
    assert as_shown(plain(text)) == re.sub(r"\r\n|[\r\n\v\f\x85\u2028\u2029]", " ", text)


def test_markup_from_a_file_and_a_shopper_shows_as_typed_everywhere():
    at = start()
    name = "![n](http://evil.example/n.png) **shop**.csv"
    at.sidebar.file_uploader[0].set_value((name, markup_catalog(), "text/csv")).run()
    assert not at.exception
    review = shown_text(at)
    assert f"price: {PRICE_HEADER}" in review and f"name: {NAME_HEADER}" in review
    next(b for b in at.sidebar.button if b.label == "Use this catalog").click().run()
    at.chat_input[0].set_value(f"laptop under 45k not Acme1 {HOSTILE}").run()
    assert not at.exception and not at.error
    page = shown_text(at)
    assert name in page  # the sidebar's catalog line
    assert f"1. Acme0 Laptop 0 {HOSTILE}" in page  # a card's title
    assert at.chat_message[0].get("text")[0].value.endswith(HOSTILE)  # the shopper's message, as plain text
    compare = at.multiselect(key="compare-0")
    assert all(option.endswith(HOSTILE) for option in compare.options)  # options are drawn as plain text
    compare.set_value(compare.options[:2]).run()
    at.button(key=f"why-0-{first_row(at)}").click().run()  # the charts of "Why this one?" too
    assert {"why-parts", "why-needs", "why-price"} <= {chart.key for chart in at.get("plotly_chart")}
    chart_text = [text for chart in at.get("plotly_chart") for text in figure_text(json.loads(chart.proto.spec))]
    assert not [text for text in chart_text if "<" in text]  # plotly reads tags in its labels and hovers
    assert "1. " + f"Acme0 Laptop 0 {HOSTILE}"[:40] in map(html.unescape, chart_text)  # a legend, as typed


def test_a_file_name_with_markup_shows_as_typed_in_the_error():
    at = start()
    name = "![n](http://evil.example/n.png) [x](http://evil.example) :red[x].csv"
    at.sidebar.file_uploader[0].set_value((name, b"", "text/csv")).run()
    assert not at.exception
    errors = [as_shown(e.value) for e in at.sidebar.error]
    assert any(name in e and "empty" in e for e in errors), errors


def test_an_unexpected_failure_is_explained_and_logged_not_shown(monkeypatch, caplog):
    from recommender.finder import Conversation

    def broken(self, text):
        raise RuntimeError("secret detail /srv/app/recommender/finder.py")

    monkeypatch.setattr(Conversation, "say", broken)
    at = start()
    with caplog.at_level(logging.ERROR):
        at.chat_input[0].set_value("laptop under 45k").run()
    assert not at.exception
    message = " ".join(e.value for e in at.error).replace("\\", "")
    assert "something went wrong while answering that message" in message and "rephrasing" in message
    assert "secret" not in message and "/srv" not in message and "RuntimeError" not in message
    assert any(r.exc_info and "secret detail" in str(r.exc_info[1]) for r in caplog.records)
    assert "products.csv" in catalog_caption(at)  # the sidebar is still drawn: the failure stayed in its action


def test_an_upload_that_breaks_the_reader_is_explained_and_keeps_the_catalog(monkeypatch):
    import recommender.catalog

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(recommender.catalog, "load_catalog", broken)  # the app imports it afresh on each run
    at = start()
    at.sidebar.file_uploader[0].set_value(("deep.json", b'{"a": [[[[1]]]]} ' + bytes(8), "application/json")).run()
    assert not at.exception
    message = " ".join(e.value for e in at.sidebar.error).replace("\\", "")
    assert "something went wrong while reading deep.json" in message and "current catalog stays active" in message
    assert "Recursion" not in message
    assert not any(b.label == "Use this catalog" for b in at.sidebar.button)


def test_an_uncaught_error_would_show_no_trace_type_or_message():
    """The last line of defence: .streamlit/config.toml hides everything of an error nobody caught."""
    from streamlit import config
    from streamlit.elements.exception import marshall
    from streamlit.proto.Exception_pb2 import Exception as ExceptionProto

    value = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text())["client"]["showErrorDetails"]
    before = config.get_option("client.showErrorDetails")
    config.set_option("client.showErrorDetails", value)
    try:
        try:
            raise KeyError("/srv/app/secret.py")
        except KeyError as exc:
            proto = ExceptionProto()
            marshall(proto, exc, apply_show_error_details=True)
    finally:
        config.set_option("client.showErrorDetails", before)
    assert not proto.stack_trace and not proto.type and "secret" not in proto.message


def test_a_training_that_fails_is_explained_in_the_model_lab(monkeypatch):
    import recommender.jobs.retrain

    def broken(*args, **kwargs):
        raise RuntimeError("CUDA error at /srv/app/recommender/models/network.py")

    monkeypatch.setattr(recommender.jobs.retrain, "train_for_catalog", broken)
    at = AppTest.from_file(LAB, default_timeout=300).run()
    at.button(key="train").click().run()
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "training failed" in message and "CUDA" not in message and "/srv" not in message


def nested_parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"name": ["A", "B"], "price": [1.0, 2.0], "specs": [{"ram": 8}, {"ram": 16}], "tags": [["x"], []]})
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


MALFORMED = {  # the files that crashed the app in issue 14, with a traceback on the page
    "deep.json": b"[" * 1_000 + b"]" * 1_000,
    "deep-field.json": b'[{"name": "A", "price": 1, "x": ' + b"[" * 1_000 + b"]" * 1_000 + b"}]",
    "nested.parquet": nested_parquet,
    "open-quote.csv": b'name,price,"pri',
    "surrogate.csv": b"\xff\xfe" + "name,price\nA,1\n".encode("utf-16-le") + b"\x00\xd8A\x00",
}


#: Those refused with a message (nested deeper than a catalog can be; a header and no product row); the
#: others are read and reviewed.
REFUSED = {"deep.json", "deep-field.json", "open-quote.csv"}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_a_malformed_upload_is_explained_or_reviewed_never_a_traceback(name):
    data = MALFORMED[name]
    at = start()
    at.sidebar.file_uploader[0].set_value((name, data() if callable(data) else data, "text/plain")).run()
    assert not at.exception
    errors = " ".join(e.value for e in at.sidebar.error).replace("\\", "")
    reviewed = any(b.label == "Use this catalog" for b in at.sidebar.button)
    if name in REFUSED:  # named in words, the catalog kept
        assert not reviewed and name in errors and "current catalog stays active" in errors, errors
    else:  # read, for the shop to review
        assert reviewed and not errors, errors
    assert "Traceback" not in errors and "products.csv" in catalog_caption(at)


def test_the_answer_says_how_the_message_was_read():
    at = start()
    at.chat_input[0].set_value("laptop under -5 rupees").run()
    assert not at.exception
    note = "Left out '-5 rupees': amounts and sizes cannot be negative."
    assert plain(note) in [c.value for c in at.caption]  # shown as typed
