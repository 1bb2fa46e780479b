"""Ranking: hard needs filter, the rest scores (attributes, meaning, learned preference, popularity), and
every result keeps its reasons; near misses and relaxations when nothing fits."""
