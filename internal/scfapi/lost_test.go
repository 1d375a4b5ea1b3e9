package scfapi_test

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

const secretEnvValue = "ENV-SECRET-VALUE"

// createRequest is the CreateFunction request the adoption tests send.
func createRequest(zip []byte) *scfapi.CreateFunctionRequest {
	return &scfapi.CreateFunctionRequest{
		FunctionName: sp("fn"),
		Handler:      sp("index.main"),
		Code:         &scfapi.Code{ZipFile: sp(base64.StdEncoding.EncodeToString(zip))},
		Environment:  &scfapi.Environment{Variables: []*scfapi.Variable{{Key: sp("TOKEN"), Value: sp(secretEnvValue)}}},
		Layers:       []*scfapi.LayerVersionSimple{{LayerName: sp("deps"), LayerVersion: ip(3)}},
	}
}

// createdFunction is what GetFunction shows for createRequest(zip): the
// service's defaults for omitted fields, and CLS ids it filled in itself.
func createdFunction(zip []byte, addTime time.Time) map[string]any {
	f := function(scfapi.StatusCreating)
	f["AddTime"] = serviceTime(addTime)
	f["CodeSize"] = len(zip)
	f["Environment"] = map[string]any{"Variables": []any{map[string]any{"Key": "TOKEN", "Value": secretEnvValue}}}
	f["Layers"] = []any{map[string]any{"LayerName": "deps", "LayerVersion": 3, "Status": "Active"}}
	return f
}

// lostCreate scripts a CreateFunction whose first response is lost; get
// answers the GetFunction lookups, resend the later CreateFunction calls.
func lostCreate(get func(n int) reply, resend func(n int) reply) func(call) reply {
	return func(c call) reply {
		switch {
		case c.Action == "CreateFunction" && c.N == 1:
			return reply{Drop: true}
		case c.Action == "CreateFunction":
			return resend(c.N)
		case c.Action == "GetFunction":
			return get(c.N)
		}
		return fail("UnexpectedAction")
	}
}

func neverResent(int) reply { return fail("UnexpectedResend") }

func TestLostCreateAdoptsTheFunctionItCreated(t *testing.T) {
	zip := []byte("zip-bytes-0123")
	// AddTime has seconds only; a function created in the same second as
	// the call started must count.
	// Built at lookup time, which is after the call began.
	f := newFakeAPI(t, lostCreate(func(int) reply { return reply{Resp: createdFunction(zip, time.Now())} }, neverResent))
	c := newTestClient(t, f, nil)
	if err := c.CreateFunction(testCtx(t), createRequest(zip)); err != nil {
		t.Fatalf("CreateFunction: %v", err)
	}
	if n := len(f.Calls("CreateFunction")); n != 1 {
		t.Errorf("CreateFunction sent %d times, want 1", n)
	}
}

func TestLostCreateRefusesAnOlderFunction(t *testing.T) {
	zip := []byte("zip")
	fn := createdFunction(zip, time.Now().Add(-time.Hour))
	f := newFakeAPI(t, lostCreate(func(int) reply { return reply{Resp: fn} }, neverResent))
	c := newTestClient(t, f, nil)
	err := c.CreateFunction(testCtx(t), createRequest(zip))
	var adoptErr *scfapi.AdoptionError
	if !errors.As(err, &adoptErr) {
		t.Fatalf("got %v, want *AdoptionError", err)
	}
	if adoptErr.Namespace != "default" || adoptErr.Name != "fn" || !strings.Contains(adoptErr.Reason, "before this call started") {
		t.Errorf("AdoptionError = %+v", adoptErr)
	}
	if !strings.Contains(err.Error(), "terraform import") || !strings.Contains(err.Error(), "default/fn") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestLostCreateToleratesConfiguredClockSkew(t *testing.T) {
	zip := []byte("zip")
	fn := createdFunction(zip, time.Now().Add(-3*time.Second))
	f := newFakeAPI(t, lostCreate(func(int) reply { return reply{Resp: fn} }, neverResent))
	c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.AdoptionClockSkew = 10 * time.Second })
	if err := c.CreateFunction(testCtx(t), createRequest(zip)); err != nil {
		t.Fatalf("CreateFunction: %v", err)
	}
}

func TestLostCreateRefusesADifferentFunction(t *testing.T) {
	zip := []byte("zip")
	tests := map[string]func(fn map[string]any){
		"MemorySize": func(fn map[string]any) { fn["MemorySize"] = 256 },
		"Handler":    func(fn map[string]any) { fn["Handler"] = "other.main" },
		"Runtime":    func(fn map[string]any) { fn["Runtime"] = "Nodejs18.15" },
		"CodeSize":   func(fn map[string]any) { fn["CodeSize"] = 99 },
		"Environment": func(fn map[string]any) {
			fn["Environment"] = map[string]any{"Variables": []any{map[string]any{"Key": "TOKEN", "Value": "other"}}}
		},
		"Layers":    func(fn map[string]any) { fn["Layers"] = []any{} },
		"VpcConfig": func(fn map[string]any) { fn["VpcConfig"] = map[string]any{"VpcId": "vpc-1", "SubnetId": "s-1"} },
	}
	for field, change := range tests {
		t.Run(field, func(t *testing.T) {
			f := newFakeAPI(t, lostCreate(func(int) reply {
				fn := createdFunction(zip, time.Now())
				change(fn)
				return reply{Resp: fn}
			}, neverResent))
			c := newTestClient(t, f, nil)
			err := c.CreateFunction(testCtx(t), createRequest(zip))
			var adoptErr *scfapi.AdoptionError
			if !errors.As(err, &adoptErr) {
				t.Fatalf("got %v, want *AdoptionError", err)
			}
			if !strings.Contains(adoptErr.Reason, field) {
				t.Errorf("Reason = %q, want it to name %s", adoptErr.Reason, field)
			}
			if strings.Contains(err.Error(), secretEnvValue) {
				t.Errorf("error quotes an environment value: %q", err.Error())
			}
		})
	}
}

func TestLostCreateResendsWhenNothingWasCreated(t *testing.T) {
	f := newFakeAPI(t, lostCreate(
		func(int) reply { return fail("ResourceNotFound.Function") },
		func(int) reply { return ok() },
	))
	c := newTestClient(t, f, nil)
	if err := c.CreateFunction(testCtx(t), createRequest([]byte("zip"))); err != nil {
		t.Fatalf("CreateFunction: %v", err)
	}
	if n := len(f.Calls("CreateFunction")); n != 2 {
		t.Errorf("CreateFunction sent %d times, want 2", n)
	}
}

func TestLostCreateAppliedLateIsAdoptedOnInUse(t *testing.T) {
	zip := []byte("zip")
	f := newFakeAPI(t, lostCreate(
		func(n int) reply {
			if n == 1 {
				return fail("ResourceNotFound.Function")
			}
			return reply{Resp: createdFunction(zip, time.Now())}
		},
		func(int) reply { return fail("ResourceInUse.Function") },
	))
	c := newTestClient(t, f, nil)
	if err := c.CreateFunction(testCtx(t), createRequest(zip)); err != nil {
		t.Fatalf("CreateFunction: %v", err)
	}
	if n := len(f.Calls("GetFunction")); n != 2 {
		t.Errorf("GetFunction sent %d times, want 2", n)
	}
}

func TestCreateInUseOnFirstAttemptIsReturnedAsIs(t *testing.T) {
	f := newFakeAPI(t, func(call) reply { return fail("ResourceInUse.FunctionName") })
	c := newTestClient(t, f, nil)
	err := c.CreateFunction(testCtx(t), createRequest([]byte("zip")))
	if !scfapi.IsInUse(err) || scfapi.ErrorCode(err) != "ResourceInUse.FunctionName" {
		t.Fatalf("got %v, want the ResourceInUse error", err)
	}
	if n := len(f.Calls("")); n != 1 {
		t.Errorf("sent %d calls, want only the CreateFunction", n)
	}
}

func TestCreateWithDefaultsIsAdopted(t *testing.T) {
	f := newFakeAPI(t, lostCreate(func(int) reply {
		fn := function(scfapi.StatusCreating)
		fn["Handler"] = ""
		return reply{Resp: fn}
	}, neverResent))
	c := newTestClient(t, f, nil)
	req := &scfapi.CreateFunctionRequest{FunctionName: sp("fn"), Code: &scfapi.Code{CosBucketName: sp("b"), CosObjectName: sp("/o.zip")}}
	if err := c.CreateFunction(testCtx(t), req); err != nil {
		t.Fatalf("CreateFunction: %v", err)
	}
}

// lostMutation drops the first call of action and answers GetFunction with get.
func lostMutation(action string, get func(n int) reply) func(call) reply {
	return func(c call) reply {
		switch {
		case c.Action == action && c.N == 1:
			return reply{Drop: true}
		case c.Action == action:
			return ok()
		case c.Action == "GetFunction":
			return get(c.N)
		}
		return fail("UnexpectedAction")
	}
}

func TestLostUpdate(t *testing.T) {
	tests := []struct {
		status    string
		wantSends int
	}{
		{scfapi.StatusUpdating, 1},
		{scfapi.StatusUpdateFailed, 1},
		{scfapi.StatusActive, 2},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			f := newFakeAPI(t, lostMutation("UpdateFunctionCode", func(int) reply { return reply{Resp: function(tt.status)} }))
			c := newTestClient(t, f, nil)
			err := c.UpdateFunctionCode(testCtx(t), &scfapi.UpdateFunctionCodeRequest{FunctionName: sp("fn"), Handler: sp("a.b")})
			if err != nil {
				t.Fatalf("UpdateFunctionCode: %v", err)
			}
			if n := len(f.Calls("UpdateFunctionCode")); n != tt.wantSends {
				t.Errorf("sent %d times, want %d", n, tt.wantSends)
			}
		})
	}
	t.Run("NotFound", func(t *testing.T) {
		f := newFakeAPI(t, lostMutation("UpdateFunctionConfiguration", func(int) reply { return fail("ResourceNotFound.Function") }))
		c := newTestClient(t, f, nil)
		err := c.UpdateFunctionConfiguration(testCtx(t), &scfapi.UpdateFunctionConfigurationRequest{FunctionName: sp("fn")})
		if !scfapi.IsNotFound(err) {
			t.Fatalf("got %v, want not-found", err)
		}
	})
}

func TestLostDelete(t *testing.T) {
	tests := []struct {
		name      string
		get       reply
		wantSends int
	}{
		{"NotFound", fail("ResourceNotFound.FunctionName"), 1},
		{"Deleting", reply{Resp: function(scfapi.StatusDeleting)}, 1},
		{"Active", reply{Resp: function(scfapi.StatusActive)}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, lostMutation("DeleteFunction", func(int) reply { return tt.get }))
			c := newTestClient(t, f, nil)
			if err := c.DeleteFunction(testCtx(t), "ns", "fn"); err != nil {
				t.Fatalf("DeleteFunction: %v", err)
			}
			if n := len(f.Calls("DeleteFunction")); n != tt.wantSends {
				t.Errorf("sent %d times, want %d", n, tt.wantSends)
			}
		})
	}
}

func TestLostNamespaceCreateThenInUseIsSuccess(t *testing.T) {
	f := newFakeAPI(t, func(c call) reply {
		if c.N == 1 {
			return reply{Drop: true}
		}
		return fail("ResourceInUse.Namespace")
	})
	c := newTestClient(t, f, nil)
	if err := c.CreateNamespace(testCtx(t), "ns", ""); err != nil {
		t.Fatalf("CreateNamespace: %v", err)
	}
	// Without a lost attempt, the same answer is an error.
	f2 := newFakeAPI(t, func(call) reply { return fail("ResourceInUse.Namespace") })
	c2 := newTestClient(t, f2, nil)
	if err := c2.CreateNamespace(testCtx(t), "ns", ""); !scfapi.IsInUse(err) {
		t.Fatalf("got %v, want ResourceInUse", err)
	}
}

func TestLostTagChangeIsResent(t *testing.T) {
	f := newFakeAPI(t, lostMutation("ModifyResourceTags", func(int) reply { return fail("UnexpectedLookup") }))
	c := newTestClient(t, f, nil)
	if err := c.ModifyResourceTags(testCtx(t), "ns", "fn", nil, []string{"k"}); err != nil {
		t.Fatalf("ModifyResourceTags: %v", err)
	}
	if n := len(f.Calls("ModifyResourceTags")); n != 2 {
		t.Errorf("sent %d times, want 2", n)
	}
}

func TestConnectionRefusedMutationIsResentWithoutLookup(t *testing.T) {
	f := newFakeAPI(t, func(call) reply { return ok() })
	addr := f.srv.URL
	f.srv.Close()
	var actions []string
	c := newTestClient(t, f, func(cfg *scfapi.Config) {
		cfg.Endpoint = addr
		cfg.MaxRetries = 2
		cfg.Logger = func(_ context.Context, info scfapi.CallInfo) { actions = append(actions, info.Action) }
	})
	err := c.CreateFunction(testCtx(t), createRequest([]byte("zip")))
	if scfapi.ErrorCode(err) != "ClientError.NetworkError" {
		t.Fatalf("got %v, want a network error", err)
	}
	// A refused connection carried nothing, so no lookup is needed.
	if got := strings.Join(actions, ","); got != "CreateFunction,CreateFunction,CreateFunction" {
		t.Errorf("attempts = %s", got)
	}
}
