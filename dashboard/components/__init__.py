"""Widgets shared by the pages: filters, links, downloads, maps, styles."""
