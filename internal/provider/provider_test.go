package provider

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

const testRegion = "ap-guangzhou"

// testEnv is one fake SCF server and the ways a test reaches it: through
// the provider under test, or directly with a client for changes made
// "behind Terraform's back".
type testEnv struct {
	t      *testing.T
	fake   *fakescf.Server
	url    string
	client *scfapi.Client
}

// newTestEnv starts a fresh fake on a random loopback port for one test and
// stops it when the test ends.
func newTestEnv(t *testing.T, opts fakescf.Options) *testEnv {
	t.Helper()
	fake, url, stop, err := fakescf.StartLocal(opts)
	if err != nil {
		t.Fatalf("starting the fake SCF server: %s", err)
	}
	t.Cleanup(stop)
	cfg := scfapi.Config{
		Region:     testRegion,
		Credential: common.NewCredential(fakescf.DefaultSecretID, fakescf.DefaultSecretKey),
		Endpoint:   url,
	}
	fastClient(&cfg)
	client, err := scfapi.New(cfg)
	if err != nil {
		t.Fatalf("building the test client: %s", err)
	}
	return &testEnv{t: t, fake: fake, url: url, client: client}
}

// fastClient shortens polling and backoff so tests against the fake run in
// milliseconds; the fake's own delays decide how long a status lasts.
func fastClient(cfg *scfapi.Config) {
	cfg.Wait = scfapi.WaitOptions{InitialDelay: 5 * time.Millisecond, MaxInterval: 50 * time.Millisecond, Multiplier: 1.5}
	cfg.RetryBaseDelay = 5 * time.Millisecond
	cfg.RetryMaxDelay = 50 * time.Millisecond
}

// factories builds the provider in-process for the Terraform CLI, served as
// main.go serves it.
func (e *testEnv) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	server := newProtocol6Server(&scfProvider{version: "test", tuneClient: fastClient})
	return map[string]func() (tfprotov6.ProviderServer, error){
		"scf": func() (tfprotov6.ProviderServer, error) { return server(), nil },
	}
}

// providerBlock is the provider configuration pointing at this test's fake.
func (e *testEnv) providerBlock() string {
	return fmt.Sprintf(`
provider "scf" {
  region     = %[1]q
  secret_id  = %[2]q
  secret_key = %[3]q
  endpoint   = %[4]q
}
`, testRegion, fakescf.DefaultSecretID, fakescf.DefaultSecretKey, e.url)
}

// config joins the provider block and a test's resources.
func (e *testEnv) config(resources string) string {
	return e.providerBlock() + resources
}

// checkDestroyed asks the fake, through the client, that no function is left.
func (e *testEnv) checkDestroyed(namespace string) func(*terraform.State) error {
	return func(*terraform.State) error {
		functions, err := e.client.ListAllFunctions(context.Background(), namespace)
		if err != nil {
			return err
		}
		if len(functions) > 0 {
			return fmt.Errorf("%d function(s) left in namespace %s after destroy, first %s", len(functions), namespace, functions[0].FunctionName)
		}
		return nil
	}
}

// writeZip writes a zip archive holding files (name → content) and returns
// its path.
func writeZip(t *testing.T, dir, name string, files map[string]string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	for n, content := range files {
		fw, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestProviderSchemaIsValid(t *testing.T) {
	t.Parallel()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	if _, ok := resp.ResourceSchemas["scf_function"]; !ok {
		t.Fatalf("scf_function is not registered; resources: %v", resp.ResourceSchemas)
	}
}

// createOutOfBand creates a function directly through the API, as if
// someone made it in the console, and waits until it is Active. customize
// may change the request before it is sent. It returns the Active function.
func (e *testEnv) createOutOfBand(namespace, name, zipPath string, customize ...func(*scfapi.CreateFunctionRequest)) *scfapi.Function {
	e.t.Helper()
	content, err := os.ReadFile(zipPath)
	if err != nil {
		e.t.Fatal(err)
	}
	encoded := base64.StdEncoding.EncodeToString(content)
	ctx := context.Background()
	req := &scfapi.CreateFunctionRequest{
		FunctionName: &name,
		Namespace:    &namespace,
		Handler:      ptr("index.main_handler"),
		Code:         &scfapi.Code{ZipFile: &encoded},
	}
	for _, c := range customize {
		c(req)
	}
	if err = e.client.CreateFunction(ctx, req); err != nil {
		e.t.Fatalf("creating %s/%s out of band: %s", namespace, name, err)
	}
	f, err := e.client.WaitForActive(ctx, namespace, name)
	if err != nil {
		e.t.Fatalf("waiting for %s/%s: %s", namespace, name, err)
	}
	return f
}

// expectCalls checks how many successful calls of action the fake answered.
func (e *testEnv) expectCalls(action string, want int64) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := e.fake.Stats().Responses[action]["OK"]; got != want {
			return fmt.Errorf("the fake answered %d successful %s calls, want %d", got, action, want)
		}
		return nil
	}
}

func sha256File(t *testing.T, p string) string {
	t.Helper()
	content, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}
