"""Plotly figures drawn from a ranking's explanation data only (nothing is recomputed here).

Plain functions from :class:`~recommender.ranking.results.RankedItem` / :class:`Ranking` to a
``go.Figure``, so the app stays thin and the figures are testable without a browser. Text from a catalog
or a shopper goes in through :func:`shown`, so it is drawn as typed.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go

from recommender.formatting import amount
from recommender.ranking.messages import PART_LABELS
from recommender.ranking.results import RankedItem, Ranking

PART_COLOURS = {
    "attribute": "#2563eb",
    "semantic": "#16a34a",
    "preference": "#9333ea",
    "popularity": "#f59e0b",
    "feedback": "#db2777",
}
_LAYOUT = dict(margin=dict(l=8, r=8, t=40, b=8), height=220, font=dict(size=14), showlegend=False)
#: A score part smaller than this adds nothing a shopper could see, so its bar is left out.
COUNTS = 0.005


def _bars_height(bars: int) -> int:
    """Room for ``bars`` horizontal bars and a title, so one or two bars are not lost in white space."""
    return 70 + 40 * max(bars, 1)


def shown(text: object) -> str:
    """Text for a plotly label, bar text or hover, drawn as typed: plotly reads tags (``<a href>``, ``<br>``)
    and entities in them, so ``&``, ``<`` and ``>`` are escaped."""
    return html.escape(str(text), quote=False)


def score_parts(item: RankedItem) -> go.Figure:
    """The score broken into the parts that count for it, largest first (the parts add up to the score)."""
    counted = {p: v for p, v in item.contributions.items() if abs(v) >= COUNTS}
    parts = sorted(counted, key=lambda p: -abs(counted[p])) or list(item.contributions)
    values = [item.contributions[p] for p in parts]
    bar = go.Bar(
        x=values,
        y=[PART_LABELS.get(p, p) for p in parts],
        orientation="h",
        marker_color=[PART_COLOURS.get(p, "#64748b") for p in parts],
        text=[f"{v:.2f}" for v in values],
        textposition="auto",
    )
    # the layout goes in with the data: update_layout afterwards costs several times more per figure
    axis = {"range": [min(0.0, *values), max(1.0, item.score)]}
    left_out = len(item.contributions) - len(parts)
    title = f"Score {item.score:.2f}, part by part" + (f" ({left_out} parts add nothing)" if left_out else "")
    layout = {**_LAYOUT, "height": _bars_height(len(parts)), "yaxis": {"autorange": "reversed"}}
    return go.Figure(bar, layout={"title": title, "xaxis": axis, **layout})


def needs_met(item: RankedItem) -> go.Figure:
    """Each need, wanted vs offered: a bar of how fully it is met (1 = fully), hard misses in red."""
    checks = item.checks
    colours = ["#16a34a" if c.satisfied else ("#dc2626" if c.hard else "#f59e0b") for c in checks]
    figure = go.Figure(
        go.Bar(
            x=[c.degree for c in checks],
            y=[shown(c.need) for c in checks],
            orientation="h",
            marker_color=colours,
            customdata=[[shown(c.wanted), shown(c.offered)] for c in checks],
            hovertemplate="wanted %{customdata[0]}<br>offered %{customdata[1]}<extra></extra>",
            text=[shown(c.offered) for c in checks],
            textposition="auto",
        )
    )
    figure.layout = {
        **_LAYOUT,
        "height": _bars_height(len(checks)),
        "yaxis": {"autorange": "reversed"},  # in the order of the needs, top down
        "title": "Your needs, wanted vs offered",
        "xaxis": {"range": [0, 1], "tickformat": ".0%"},
    }
    return figure


def price_against_budget(item: RankedItem, budget: float | None, currency: str | None) -> go.Figure:
    """The product's price next to the budget (when there is one)."""
    names, values, colours = ["this product"], [item.price or 0], ["#2563eb"]
    if budget is not None:
        names.append("your budget")
        values.append(budget)
        colours.append("#16a34a" if (item.price or 0) <= budget else "#dc2626")
    bar = go.Bar(
        x=names, y=values, marker_color=colours, text=[amount(v, currency) for v in values], textposition="auto"
    )
    return go.Figure(bar, layout={"title": "Price against budget", **_LAYOUT})


def value_map(ranking: Ranking, currency: str | None) -> go.Figure:
    """The candidates on a price-vs-score map with the picks highlighted."""
    picked = set(ranking.rows)
    others = [(price, score) for row, price, score in ranking.candidates if row not in picked]
    picks = [c for c in ranking.items if c.price is not None]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=[price for price, _ in others],
            y=[score for _, score in others],
            mode="markers",
            marker=dict(color="#cbd5e1", size=7),
            hovertemplate="%{x:,.0f}<br>score %{y:.2f}<extra></extra>",
            name="other candidates",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[c.price for c in picks],
            y=[c.score for c in picks],
            mode="markers+text",
            marker=dict(color="#2563eb", size=12, symbol="star"),
            text=[str(c.rank) for c in picks],
            textposition="top center",
            hovertext=[shown(c.name) for c in picks],
            hovertemplate="%{hovertext}<br>%{x:,.0f}<br>score %{y:.2f}<extra></extra>",
            name="shown",
        )
    )
    figure.update_layout(title="Price against value: the picks among the candidates", **{**_LAYOUT, "height": 300})
    figure.update_xaxes(title=f"price ({currency})" if currency else "price")
    figure.update_yaxes(title="score")
    return figure


def comparison(items: list[RankedItem]) -> go.Figure:
    """Two to four picks side by side: how fully each meets each need."""
    figure = go.Figure()
    for item in items:
        figure.add_trace(
            go.Bar(
                name=shown(f"{item.rank}. {item.name[:40]}"),
                x=[shown(c.need) for c in item.checks],
                y=[c.degree for c in item.checks],
                customdata=[shown(c.offered) for c in item.checks],
                hovertemplate="%{x}: %{customdata}<extra></extra>",
            )
        )
    figure.update_layout(barmode="group", title="Side by side", **{**_LAYOUT, "height": 300, "showlegend": True})
    figure.update_yaxes(range=[0, 1], tickformat=".0%")
    return figure


def model_comparison(results: dict) -> go.Figure:
    """NDCG@10 of each preference model, next to the SASRec paper's figure for its family on the paper's
    own dataset (Games)."""
    names = list(results)
    ours = go.Bar(
        name="this project",
        x=names,
        y=[results[n]["NDCG@10"] for n in names],
        marker_color="#2563eb",
        text=[f"{results[n]['NDCG@10']:.3f}" for n in names],
        textposition="auto",
    )
    paper = [(results[n].get("paper") or {}).get("NDCG@10") for n in names]
    theirs = go.Bar(
        name="paper (Kang & McAuley 2018)",
        x=names,
        y=paper,
        marker_color="#94a3b8",
        text=[f"{v:.3f}" if v else "" for v in paper],
        textposition="auto",
    )
    layout = {**_LAYOUT, "height": 320, "showlegend": True, "barmode": "group", "title": "NDCG@10, 100 negatives"}
    # the paper's bars only where its figures apply: the benchmark sets them for its own dataset alone
    return go.Figure([ours, theirs] if any(paper) else [ours], layout=layout)
