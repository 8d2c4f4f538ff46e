"""Inherent risk (country x goods) from public US government data in resources/risk/; pure Python.

Import the submodules (countries, goods, inherent): importing this package loads none of them, so that a country
check at start-up does not also read the goods lists.
"""
