package sdkcontract_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// throttledCalls is how many RequestLimitExceeded answers the fake queues
// for the script's first ListFunctions, which it must retry through.
const throttledCalls = 2

// TestNodeSDKContract runs node/contract.mjs, which drives a fake started
// here with the official Node.js SDK. It skips when node or the installed
// SDK is missing, unless SCF_NODE_SDK_REQUIRED is set (make unit sets it).
func TestNodeSDKContract(t *testing.T) {
	modules := os.Getenv("SCF_NODE_SDK_MODULES")
	if modules == "" {
		modules = filepath.Join("..", "..", "..", ".cache", "node-sdk", "node_modules")
	}
	modules, err := filepath.Abs(modules)
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(modules, "tencentcloud-sdk-nodejs-scf", "package.json"))
	}
	if err != nil {
		if os.Getenv("SCF_NODE_SDK_REQUIRED") != "" {
			t.Fatalf("SCF_NODE_SDK_REQUIRED is set but the Node.js SDK contract cannot run: %v (run make node-sdk)", err)
		}
		t.Skipf("node or the official Node.js SDK is not installed (%v); make node-sdk installs it, make unit requires it", err)
	}

	srv, base, stop, err := fakescf.StartLocal(fakescf.Options{
		// Short transitions, so that the script waits through Creating,
		// Updating and Deleting by polling rather than finding them done.
		CreateDelay: 300 * time.Millisecond,
		UpdateDelay: 300 * time.Millisecond,
		DeleteDelay: 300 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	srv.InjectFault("ListFunctions", fakescf.FaultThrottle, throttledCalls)

	dir := t.TempDir()
	zipV1 := writeZip(t, dir, "v1.zip", "def main_handler(event, context):\n    return 'v1'\n")
	zipV2 := writeZip(t, dir, "v2.zip", "def main_handler(event, context):\n    return 'version two'\n")

	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("node", "contract.mjs"))
	cmd.Env = append(os.Environ(),
		"SCF_ENDPOINT="+strings.TrimPrefix(base, "http://"),
		"SCF_SECRET_ID="+fakescf.DefaultSecretID,
		"SCF_SECRET_KEY="+fakescf.DefaultSecretKey,
		"SCF_NODE_SDK_MODULES="+modules,
		"SCF_ZIP_V1="+zipV1,
		"SCF_ZIP_V2="+zipV2,
		"SCF_EXPECT_THROTTLED="+strconv.Itoa(throttledCalls),
	)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("node contract.mjs: %v\n%s", err, out.String())
	}
	summary := strings.TrimSpace(out.String())
	if !strings.HasPrefix(summary, "node-sdk contract: ") || !strings.Contains(summary, " checks passed") {
		t.Fatalf("the script ended without its summary line:\n%s", summary)
	}
	t.Log(summary)

	// The fake's own counters confirm what the script saw.
	st := srv.Stats()
	if got := st.Responses["ListFunctions"]["RequestLimitExceeded"]; got != throttledCalls {
		t.Errorf("ListFunctions answered RequestLimitExceeded %d times, want %d", got, throttledCalls)
	}
	for _, action := range []string{"CreateFunction", "GetFunction", "UpdateFunctionConfiguration", "UpdateFunctionCode", "ListFunctions", "DeleteFunction", "CreateNamespace", "ListNamespaces", "DeleteNamespace"} {
		if st.Responses[action]["OK"] == 0 {
			t.Errorf("%s never succeeded through the Node.js SDK: %v", action, st.Responses[action])
		}
	}
	if n := st.Responses["ListFunctions"]["AuthFailure.SignatureFailure"]; n != 1 {
		t.Errorf("AuthFailure.SignatureFailure answered %d times, want 1 (the wrong-key check only)", n)
	}
}

func writeZip(t *testing.T, dir, name, source string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("index.py")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(source)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
