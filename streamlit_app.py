"""The product finder app: a chat that answers with explained product cards.

Thin by design: this file draws widgets and keeps ``st.session_state``; everything else lives in
``recommender/`` (which never imports streamlit). Every text from a file or a shopper goes through
``plain`` (or ``st.text``, or a table cell), so it shows as typed: never as markdown, a link or HTML. Every
action runs through ``act``, so a failure is explained in words and logged, never shown as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from recommender import charts, embeddings, knowledge
from recommender.catalog import (
    BUILTIN_CATALOG,
    ROLES,
    Catalog,
    CatalogStore,
    Overrides,
    content_hash,
    load_catalog,
)
from recommender.catalog.report import inspect_report
from recommender.errors import CatalogError
from recommender.events import EventStore, EventStoreError
from recommender.events.recorder import SessionRecorder
from recommender.finder import Conversation, Finder, Turn
from recommender.formatting import amount, attribute_label, plain
from recommender.models.preference import trained_model_stamp
from recommender.ranking.messages import why_not
from recommender.ranking.results import RankedItem, Ranking

# an emoji, not a Material icon: Streamlit fetches a Material favicon from Google's servers (no network calls)
st.set_page_config(page_title="Product finder", page_icon="🛒", layout="wide")
st.html(Path(__file__).parent / ".streamlit" / "app.css")  # style only: it takes no room on the page

EXAMPLES = (
    "I need a laptop with RAM 8GB, HDD 1TB, and processor i5 at Rs. 40000",
    "something for college under 45k, light",
    "phone with 8 gigs, not Samsung, under 20k",
    "gaming laptop with RTX graphics under 1 lakh",
)
UPLOAD_TYPES = ["csv", "tsv", "txt", "xlsx", "json", "jsonl", "parquet"]
KEEPS_CATALOG = "The current catalog stays active."
TRY_AGAIN = "Try rephrasing it, or start a new conversation."
log = logging.getLogger(__name__)


# ---- shared, read-only resources (keyed by catalog content) -------------------------------------------
@st.cache_resource(show_spinner="Reading the built-in catalog…")
def builtin_catalog() -> Catalog:
    return load_catalog(BUILTIN_CATALOG, store=CatalogStore())


@st.cache_resource(show_spinner="Reading your catalog…", max_entries=8)
def uploaded_catalog(digest: str, name: str, _data: bytes) -> Catalog:
    """An uploaded file read once per content (and name): every rerun while it sits in the uploader reuses it."""
    return load_catalog(_data, name=name)


@st.cache_data(show_spinner=False, max_entries=8)
def upload_report(digest: str, name: str, _catalog: Catalog) -> dict[str, Any]:
    """The schema report of an uploaded catalog, once per content."""
    return inspect_report(_catalog)


@st.cache_resource(show_spinner=False, max_entries=8)
def finder_for(content_hash: str, overrides: str, model_stamp: str, _catalog: Catalog) -> Finder:
    """One Finder per catalog content (and overrides, and trained model), shared read-only by every session.

    It answers at once: product vectors that are not on disk yet are prepared by the catalog's one
    background job, shared by every session and tab, and matching by meaning joins in when they are ready.
    """
    return Finder(_catalog, store=CatalogStore(), wait=False)


@st.cache_resource(show_spinner=False)
def language_model_warm_up() -> None:
    """Load the language model in the background once per server, so the chat box never waits for it."""
    embeddings.warm_up()


@st.cache_resource(show_spinner=False)
def event_store() -> EventStore | None:
    """The shared event database; without one (unwritable, locked) the finder works and records nothing."""
    try:
        return EventStore()
    except (EventStoreError, OSError) as exc:
        log.warning("no event store: %s", exc)
        return None


def session() -> Any:
    """This browser session's state: its catalog and its conversation; nothing is shared with others."""
    state = st.session_state
    if "catalog" not in state:
        state.catalog = builtin_catalog()
        state.conversation = None
    return state


def finder() -> Finder:
    catalog = session().catalog
    # the model stamp changes when a model is trained for the catalog, so the next conversation uses it
    stamp = trained_model_stamp(catalog.content_hash)
    return finder_for(catalog.content_hash, catalog.overrides.to_json(), stamp, catalog)


def chat_recorder(content_hash: str) -> SessionRecorder | None:
    """This chat's event recorder; a database that cannot be used records nothing and stops nothing."""
    store = event_store()
    try:
        # every chat of this browser session in one list, so "Delete what your chats saved" deletes them all
        chats = st.session_state.setdefault("saved_sessions", [])
        return SessionRecorder(store, content_hash, chats) if store else None
    except EventStoreError as exc:
        log.warning("not recording this chat: %s", exc)
        return None


def conversation() -> Conversation:
    state = session()
    if state.conversation is None:
        state.conversation = finder().conversation(chat_recorder(state.catalog.content_hash))
    return state.conversation


@st.fragment(run_every=2)
def preparation_status() -> None:
    """While the catalog's vectors are prepared: rows done, rate and time left. Once they are ready the
    whole page is drawn again, without this fragment: nothing then polls, and an open drop-down stays open."""
    act(preparation_progress, "showing how far matching by meaning is prepared")


def preparation_progress() -> None:
    preparing = finder().ranker.preparing()
    if preparing is None:
        st.rerun()  # ready: the page redraws without the progress bar and its 2-second poll
    progress = finder().ranker.vectors.progress()
    text = plain(preparing + " You can already ask by needs and specs.")
    st.progress(progress.done / max(progress.total, 1), text=text)


def say(talk: Conversation, text: str) -> None:
    """One shopper message; a free-text one may wait for the language model, and says so."""
    if embeddings.loaded():
        talk.say(text)
        return
    with st.spinner("Loading the language model for matching by meaning…"):
        talk.say(text)


def upload_limit_mb() -> int:
    """The most an uploaded catalog may weigh: ``server.maxUploadSize`` in .streamlit/config.toml (MB)."""
    return int(st.get_option("server.maxUploadSize"))


def figure(turn: Turn, name: str, build: Callable[[], go.Figure]) -> go.Figure:
    """The latest turn's figure ``name``, built once.

    Building plotly figures is most of a turn's server time; reruns that keep the turn (comparing
    products, reviewing an upload) reuse them. Only the latest turn's figures are kept.
    """
    state = st.session_state
    kept = state.get("figures")
    if kept is None or kept[0] is not turn:
        kept = state.figures = (turn, {})
    if name not in kept[1]:
        kept[1][name] = build()
    return kept[1][name]


def act(action: Callable[[], object], doing: str, then: str = "") -> bool:
    """Run one action (``doing`` names it: 'reading shop.csv'); True when it worked.

    A failure is explained where the action was, and ``then`` says what the shopper can do next: a
    CatalogError by its own message (it names the problem and the fix), anything else in words while the
    server log keeps the traceback. Streamlit's reruns and stops are no Exception, so they pass through.
    """
    try:
        action()
    except CatalogError as exc:
        st.error(f"{plain(exc)} {then}".strip())
    except Exception:  # a bug or a file nobody foresaw: the shopper must never see a traceback
        log.exception("failed while %s", doing)
        st.error(f"Sorry, something went wrong while {plain(doing)} (the details are in the server log). {then}")
    else:
        return True
    return False


# ---- sidebar: the catalog -----------------------------------------------------------------------------
def sidebar() -> None:
    state = session()
    with st.sidebar:
        catalog = state.catalog
        st.subheader("Catalog")
        st.caption(
            f"**{plain(catalog.name)}** · {len(catalog):,} products · prices in {plain(catalog.schema.currency or '—')}"
        )
        if st.button("Start a new conversation", key="reset", width="stretch"):
            state.conversation = None
            st.rerun()
        talk = state.conversation
        model = talk.finder.model if talk is not None else None
        if model is not None:
            trained_on = model.record_.get("trained_on", "")
            st.caption(f"Learned preferences: {plain(model.model)} model trained on {plain(trained_on)}")
        else:
            st.caption("Learned preferences: no model trained for this catalog yet (see the Model lab).")
        if talk is not None:
            shortlist(talk)
            privacy(talk)
        st.divider()
        upload = st.file_uploader("Use your own catalog", type=UPLOAD_TYPES, key="upload")
        if upload is not None:
            # the uploader refuses big files in the browser, but other clients can send them anyway
            limit = upload_limit_mb()
            if upload.size > limit * 2**20:
                st.error(
                    f"{plain(upload.name)} is {upload.size / 2**20:,.1f} MB; the upload limit is {limit} MB. "
                    "Upload a smaller file (fewer rows or columns). The current catalog stays active."
                )
            else:
                act(lambda: review_upload(upload), f"reading {upload.name}", KEEPS_CATALOG)
        if catalog.content_hash != builtin_catalog().content_hash and st.button("Back to the built-in catalog"):
            state.catalog, state.conversation = builtin_catalog(), None
            st.rerun()


def shortlist(talk: Conversation) -> None:
    rows = list(dict.fromkeys(row for row, signal in talk.feedback.events if signal == "shortlist"))
    if rows:
        st.markdown("**Your shortlist**")
        st.caption("  \n".join(plain(talk.finder.catalog.labels.iloc[r]) for r in rows))


def privacy(talk: Conversation) -> None:
    """What this session saves, and a way to delete it."""
    recorder = talk.recorder
    if recorder is None:
        st.caption("Nothing from this chat is saved.")
        return
    if recorder.warning:
        st.caption(plain(recorder.warning))
    if recorder.store.warnings:  # the details (file names) are in the server log, not for shoppers
        st.caption("The saved chat history was found damaged and repaired; everything still readable was kept.")
    st.caption("Your chats' messages and clicks are saved under a random id, to improve suggestions.")
    if st.button("Delete what your chats saved", key="forget", help="Every chat of this browser session"):
        deleted = recorder.forget()
        st.toast(f"Deleted {deleted} saved records of your chats in this browser session.")


def review_upload(upload) -> None:
    """Show how the uploaded file was understood; the shopper corrects it, then uses it."""
    data = upload.getvalue()
    digest = content_hash(data)
    catalog = uploaded_catalog(digest, upload.name, data)
    report = upload_report(digest, upload.name, catalog)
    st.caption(
        f"{report['rows']:,} rows · price: {plain(report['price_column'] or '—')} · "
        f"name: {plain(report['name_column'] or '—')}"
    )
    taught = report["overrides"]["columns"]
    columns = pd.DataFrame([c for c in report["columns"] if c["derived_from"] is None])[
        ["name", "role", "unit", "concept", "parsed"]
    ]
    columns["words"] = [taught.get(name, {}).get("words", "") for name in columns["name"]]
    edited = st.data_editor(
        columns,
        key=f"schema-{catalog.content_hash}",
        hide_index=True,
        disabled=["name", "parsed"],
        column_config={
            "role": st.column_config.SelectboxColumn("role", options=list(ROLES), required=True),
            "concept": st.column_config.SelectboxColumn(
                "stands for", options=sorted(knowledge.concept_names()), help="RAM, storage, weight, power, …"
            ),
            "words": st.column_config.TextColumn("shoppers also say", help="comma-separated, e.g. odometer, kms"),
            "parsed": st.column_config.ProgressColumn("understood", min_value=0, max_value=1, format="percent"),
        },
    )
    codes = sorted(knowledge.currencies().inr_per_unit)
    currency = st.selectbox(
        "Price currency", codes, index=codes.index(report["currency"] or knowledge.currencies().home)
    )
    for warning in report["warnings"]:
        st.warning(plain(warning))
    st.dataframe(catalog.raw.head(5).astype(str), hide_index=True)
    if st.button("Use this catalog", key=f"use-{catalog.content_hash}", type="primary"):
        changes = {}
        for (_, before), (_, after) in zip(columns.iterrows(), edited.iterrows(), strict=True):
            keys = ("role", "unit", "concept", "words")
            change = {k: str(after[k]) for k in keys if after[k] != before[k] and pd.notna(after[k]) and after[k] != ""}
            if change:
                changes[before["name"]] = change
        try:
            overrides = Overrides(columns=changes, currency=currency if currency != report["currency"] else None)
        except ValueError as exc:  # a correction that cannot be used: its message names it
            st.error(f"{plain(exc)} Correct it in the table above and try again.")
            return
        chosen = load_catalog(data, name=upload.name, overrides=overrides or None)
        state = session()
        active = state.catalog
        if (active.content_hash, active.overrides, active.name) == (chosen.content_hash, chosen.overrides, chosen.name):
            return  # already in use (a second click of the button): keep the conversation
        state.catalog, state.conversation = chosen, None
        st.rerun()


# ---- the chat -----------------------------------------------------------------------------------------
def chips(turn: Turn, index: int) -> None:
    """Every active need as a chip; removing one ranks again without it."""
    constraints = turn.state.constraints
    if not constraints:
        return
    schema = session().catalog.schema
    with st.container(horizontal=True, gap="small"):
        for i, c in enumerate(constraints):
            label = c.describe(attribute_label(c.attribute, schema)) + ("" if c.hard else " (nice to have)")
            chip = st.button(
                plain(label), key=f"chip-{index}-{i}", icon=":material/close:", help=plain(f"Remove: from “{c.source}”")
            )
            if chip and act(lambda i=i: conversation().remove(i), "removing that need", TRY_AGAIN):
                st.rerun()


def card(turn: Turn, item: RankedItem, index: int, latest: bool) -> None:
    """One result: what it is, how it meets each need, why it moved; with its actions on the latest answer."""
    currency = session().catalog.schema.currency
    with st.container(border=True, key=f"card-{index}-{item.rank}"):
        price = "" if item.price is None else f"  \n{plain(amount(item.price, currency))}"
        st.markdown(f"**{item.rank}. {plain(item.name)}**{price}")
        verdict = "✓ Meets every need" if item.matches_all else "⚠ Misses: " + "; ".join(item.violations)
        st.caption(plain(verdict))
        with st.container(horizontal=True, gap="medium"):  # the needs side by side, wrapping on a phone
            for check in item.checks:
                symbol = "✓" if check.satisfied else ("✗" if check.hard else "~")
                st.caption(plain(f"{symbol} {check.line}"), width="content")
        change = item.rank_change
        moved = [f"{'▲ up' if change > 0 else '▼ down'} {abs(change)} since the last answer"] if change else []
        for line in moved + item.reasons:
            st.caption(plain(line))
        if latest:
            reactions(turn, item, index)


#: A card's reactions: the signal it records, its label, its icon and what it does.
REACTIONS = (
    ("like", "Like", ":material/thumb_up:", "More like this one: ranks again at once"),
    ("dislike", "Dislike", ":material/thumb_down:", "Less like this one: ranks again at once"),
    ("shortlist", "Shortlist", ":material/star:", "Keep it on your shortlist (in the sidebar)"),
)


def reactions(turn: Turn, item: RankedItem, index: int) -> None:
    """Like, dislike, shortlist (each re-ranks at once), "Why this one?" and "Why not #1?"."""
    with st.container(horizontal=True, gap="small"):
        for signal, label, icon, tip in REACTIONS:
            clicked = st.button(label, key=f"{signal}-{index}-{item.row}", icon=icon, help=tip)
            if clicked and act(lambda s=signal: conversation().react(item.row, s), "taking that in", TRY_AGAIN):
                st.rerun()
        if st.button("Why this one?", key=f"why-{index}-{item.row}", icon=":material/bar_chart:"):
            explanation(turn, item)
        best = turn.ranking.items[0]
        if item.row != best.row:
            with st.popover("Why not #1?", icon=":material/help:"):
                st.write(plain(why_not(item, best)))


@st.dialog("Why this one?", width="large")
def explanation(turn: Turn, item: RankedItem) -> None:
    """One product's explanation at full width: its score part by part, its needs and its price."""
    act(lambda: explanation_charts(turn, item), "explaining this product")


def explanation_charts(turn: Turn, item: RankedItem) -> None:
    schema = session().catalog.schema
    budget = next(
        (c.value for c in turn.state.constraints if c.attribute == schema.price_column and c.op in ("<=", "<")), None
    )
    st.markdown(f"**{item.rank}. {plain(item.name)}**")
    shown = [("parts", lambda: charts.score_parts(item))]
    if item.checks:
        shown.append(("needs", lambda: charts.needs_met(item)))
    if item.price is not None:
        shown.append(("price", lambda: charts.price_against_budget(item, budget, schema.currency)))
    for name, build in shown:
        st.plotly_chart(figure(turn, f"{name}-{item.row}", build), key=f"why-{name}", width="stretch")


def answer(turn: Turn, index: int, latest: bool) -> None:
    """An answer: its message and notes, and on the latest one the needs, proposals and every card."""
    ranking = turn.ranking
    st.markdown(plain(ranking.message))
    for note in turn.state.notes:  # how the message was read: what was cut, left out or understood
        st.caption(plain(note))
    if ranking.preparing:
        st.caption(plain(ranking.preparing))
    if not latest:  # an earlier answer is a short list; its cards and actions belong to the latest one
        currency = session().catalog.schema.currency
        for item in ranking.items:
            price = "" if item.price is None else f" · {amount(item.price, currency)}"
            st.caption(plain(f"{item.rank}. {item.name}{price}"))
        return
    chips(turn, index)
    with st.container(horizontal=True, gap="small"):
        for p, proposal in enumerate(ranking.proposals):
            matches = f"{proposal.matches} match{'es' if proposal.matches != 1 else ''}"
            relax = st.button(f"{plain(proposal.text)} → {matches}", key=f"relax-{index}-{p}", icon=":material/undo:")
            if relax and act(lambda proposal=proposal: conversation().relax(proposal), "easing that need", TRY_AGAIN):
                st.rerun()
    clarification = turn.state.clarification
    if clarification:
        with st.container(horizontal=True, gap="small"):
            for o, option in enumerate(clarification.options):
                chosen = st.button(plain(option), key=f"clarify-{index}-{o}")
                if chosen and act(lambda option=option: conversation().say(option), "answering that", TRY_AGAIN):
                    st.rerun()
    for item in ranking.items:
        card(turn, item, index, latest=True)
    if ranking.candidates:
        with st.expander("All candidates on a price-vs-value map", icon=":material/scatter_plot:"):
            currency = session().catalog.schema.currency
            value_map = figure(turn, "map", lambda: charts.value_map(ranking, currency))
            st.plotly_chart(value_map, key=f"map-{index}", width="stretch")
        comparison(ranking, index)


@st.fragment
def comparison(ranking: Ranking, index: int) -> None:
    """Two to four results side by side; choosing them reruns only this part."""
    names = {f"{item.rank}. {item.name}": item for item in ranking.items}
    picked = st.multiselect("Compare side by side", list(names), max_selections=4, key=f"compare-{index}")
    if len(picked) >= 2:
        compared = charts.comparison([names[p] for p in picked])
        st.plotly_chart(compared, key=f"compare-chart-{index}", width="stretch")


def first_screen(talk: Conversation) -> None:
    """What the finder does, which catalog it searches, and example questions to start with."""
    catalog = talk.finder.catalog
    st.markdown(
        "Tell it what you need in your own words: budget, specs, brands to avoid, what it is for. Each "
        "suggestion shows which of your needs it meets; when nothing meets them all, you see the nearest "
        "misses and exactly what each one misses. Like, dislike or shortlist a product and the list ranks again."
    )
    st.info(
        f"Searching **{plain(catalog.name)}**: {len(catalog):,} products. To search your own products, "
        "upload a catalog (CSV, Excel, JSON or Parquet) in the sidebar.",
        icon=":material/inventory_2:",
    )
    st.markdown("**Try one of these:**")
    with st.container(horizontal=True, gap="small"):
        for e, example in enumerate(EXAMPLES):
            picked = st.button(example, key=f"example-{e}", icon=":material/chat:")
            if picked and act(lambda example=example: say(talk, example), "answering that message", TRY_AGAIN):
                st.rerun()


def chat() -> None:
    st.title("Product finder")
    language_model_warm_up()
    if finder().ranker.preparing() is not None:
        preparation_status()
    talk = conversation()
    prompt = st.chat_input("e.g. a light laptop for college under 45k, not HP")
    if not talk.turns and not prompt:
        first_screen(talk)
    if prompt:
        act(lambda: say(talk, prompt), "answering that message", TRY_AGAIN)
    latest = len(talk.turns) - 1
    for index, turn in enumerate(talk.turns):
        with st.chat_message("user"):
            st.text(turn.text)
        with st.chat_message("assistant"):
            act(lambda turn=turn, index=index: answer(turn, index, index == latest), "showing this answer", TRY_AGAIN)


def chat_page() -> None:
    # each part on its own, so a failure in one leaves the other usable ("Back to the built-in catalog")
    act(chat, "drawing the chat", TRY_AGAIN)  # first: the sidebar describes the conversation it starts
    act(sidebar, "drawing the sidebar")


PAGES = [
    st.Page(chat_page, title="Find a product", icon=":material/chat:", default=True),
    st.Page("pages/model_lab.py", title="Model lab", icon=":material/science:"),
]
st.navigation(PAGES).run()
