"""Matching: candidate pairs (blocking), comparison levels, Fellegi–Sunter scoring."""
