//go:build !unix

package fakescf

import (
	"os"
	"os/exec"
)

// setProcessGroup: without process groups a timeout kills the child only.
func setProcessGroup(*exec.Cmd) {}

func killGroup(*exec.Cmd) {}

func maxRSS(*os.ProcessState) int64 { return 0 }
