package validators

import "fmt"

const memorySizeRule = "memory size must be 64 MB, or 128 to 3072 MB in steps of 128 MB"

// CheckMemorySize enforces the MemorySize rule: 64, or 128..3072 in steps of 128.
func CheckMemorySize(mb int64) error {
	if mb == 64 || mb >= 128 && mb <= 3072 && mb%128 == 0 {
		return nil
	}
	var problem string
	switch {
	case mb < 64:
		problem = "it is below the minimum of 64"
	case mb > 3072:
		problem = "it is above the maximum of 3072"
	case mb < 128:
		problem = "the nearest allowed values are 64 and 128"
	default:
		lo := mb / 128 * 128
		problem = fmt.Sprintf("it is not a multiple of 128; the nearest allowed values are %d and %d", lo, lo+128)
	}
	return &ruleError{subject: fmt.Sprintf("memory size %d MB", mb), problem: problem, rule: memorySizeRule}
}
