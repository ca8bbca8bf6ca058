"""Typed value parsers shared by the whole project, each linear in its input: the one sentence
splitter, number words, percentages and durations, money with its currency, and places."""
