"""Import of the Senate's `sens` open data (data.senat.fr) into the portal.

parse.py reads the export (pg_dump or CSV folder) into plain rows, check.py applies the
rules (reject, correct, normalise) and returns a plan of portal records, write.py applies
the plan in one transaction. The Senate's column names stay in parse.py and check.py.
"""
