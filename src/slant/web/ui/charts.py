"""The web pages' charts: drawn by :mod:`slant.render.charts`, shared with ``slant report`` (the
corpus layer cannot import the web app, so the drawing code lives below both)."""

from slant.render.charts import (  # noqa: F401 (re-exported for the pages)
    FONT,
    GRID,
    HBAR_WIDTH,
    INK,
    LINES_WIDTH,
    MIN_ARTICLES_PER_POINT,
    SERIES,
    counts_over_time,
    hbar,
    heatmap,
    lines,
    most_frequent,
    per_article_over_time,
    timeline,
)
