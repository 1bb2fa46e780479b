"""Plotly figures drawn from a ranking's explanation data only (nothing is recomputed here).

Plain functions from :class:`~recommender.ranking.ranker.RankedItem` / :class:`Ranking` to a
``go.Figure``, so the app stays thin and the figures are testable without a browser.
"""

from __future__ import annotations

import plotly.graph_objects as go

from recommender.formatting import amount
from recommender.ranking.ranker import RankedItem, Ranking

PART_LABELS = {
    "attribute": "meets your needs",
    "semantic": "matches your words",
    "preference": "learned preference",
    "popularity": "popularity",
}
PART_COLOURS = {"attribute": "#2563eb", "semantic": "#16a34a", "preference": "#9333ea", "popularity": "#f59e0b"}
_LAYOUT = dict(margin=dict(l=8, r=8, t=32, b=8), height=190, font=dict(size=12), showlegend=False)


def score_parts(item: RankedItem) -> go.Figure:
    """The score broken into its parts (they add up to the score)."""
    parts = list(item.contributions)
    figure = go.Figure(
        go.Bar(
            x=[item.contributions[p] for p in parts],
            y=[PART_LABELS.get(p, p) for p in parts],
            orientation="h",
            marker_color=[PART_COLOURS.get(p, "#64748b") for p in parts],
            text=[f"{item.contributions[p]:.2f}" for p in parts],
            textposition="auto",
        )
    )
    figure.update_layout(title=f"Score {item.score:.2f}, part by part", **_LAYOUT)
    figure.update_xaxes(range=[0, max(1.0, item.score)])
    return figure


def needs_met(item: RankedItem) -> go.Figure:
    """Each need, wanted vs offered: a bar of how fully it is met (1 = fully), hard misses in red."""
    checks = item.checks
    colours = ["#16a34a" if c.satisfied else ("#dc2626" if c.hard else "#f59e0b") for c in checks]
    figure = go.Figure(
        go.Bar(
            x=[c.degree for c in checks],
            y=[c.need for c in checks],
            orientation="h",
            marker_color=colours,
            customdata=[[c.wanted, c.offered] for c in checks],
            hovertemplate="wanted %{customdata[0]}<br>offered %{customdata[1]}<extra></extra>",
            text=[c.offered for c in checks],
            textposition="auto",
        )
    )
    layout = {**_LAYOUT, "height": max(140, 40 + 28 * len(checks))}
    figure.update_layout(title="Your needs, wanted vs offered", **layout)
    figure.update_xaxes(range=[0, 1], tickformat=".0%")
    return figure


def price_against_budget(item: RankedItem, budget: float | None, currency: str | None) -> go.Figure:
    """The product's price next to the budget (when there is one)."""
    names, values, colours = ["this product"], [item.price or 0], ["#2563eb"]
    if budget is not None:
        names.append("your budget")
        values.append(budget)
        colours.append("#16a34a" if (item.price or 0) <= budget else "#dc2626")
    figure = go.Figure(
        go.Bar(x=names, y=values, marker_color=colours, text=[amount(v, currency) for v in values], textposition="auto")
    )
    figure.update_layout(title="Price against budget", **_LAYOUT)
    return figure


def value_map(ranking: Ranking, currency: str | None) -> go.Figure:
    """The candidates on a price-vs-score map with the picks highlighted."""
    picked = set(ranking.rows)
    others = [(price, score) for row, price, score in ranking.candidates if row not in picked]
    shown = [c for c in ranking.items if c.price is not None]
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
            x=[c.price for c in shown],
            y=[c.score for c in shown],
            mode="markers+text",
            marker=dict(color="#2563eb", size=12, symbol="star"),
            text=[str(c.rank) for c in shown],
            textposition="top center",
            hovertext=[c.name for c in shown],
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
                name=f"{item.rank}. {item.name[:40]}",
                x=[c.need for c in item.checks],
                y=[c.degree for c in item.checks],
                customdata=[c.offered for c in item.checks],
                hovertemplate="%{x}: %{customdata}<extra></extra>",
            )
        )
    figure.update_layout(barmode="group", title="Side by side", **{**_LAYOUT, "height": 300, "showlegend": True})
    figure.update_yaxes(range=[0, 1], tickformat=".0%")
    return figure
