# tests/: unit tests, the invalid device-tree corpus, the binding schema check.
# Each folder's engineer appends its own block.

# ---- partitions: the device-tree binding (owner: partitions/) ----------------
unit-tests += test_parse test_validate test_guest_dt
