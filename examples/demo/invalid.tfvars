# Used by the demo's "invalid value" step: memory_size must be 64, or 128 to
# 3072 in steps of 128, so the provider rejects 100 during `plan`, before any
# API call.
reporter_memory_size = 100
