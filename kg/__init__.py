"""kgnews: news articles about diplomacy and armed conflict turned into a knowledge graph."""

__version__ = "0.1.0"
