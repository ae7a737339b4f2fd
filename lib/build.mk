# lib/: string functions, formatted output, small helpers.
hyp-srcs += lib/string.c lib/format.c
shared-srcs += lib/format.c
unit-tests += test_format
