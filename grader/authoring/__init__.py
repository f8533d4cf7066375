"""Tools for kata authors: `grade dev new` scaffolds a kata, `grade dev check` runs the kata contract."""
