package fakescf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Bounds of one execution. SCF allows 500 MB of unpacked code; the fake
// allows less, since it unpacks into the machine's temporary directory.
const (
	defaultMaxUnpackedBytes = 256 << 20
	defaultMaxUnpackedFiles = 20000
	maxLogCapture           = 1 << 20
	maxAnswerBytes          = syncEventLimit
	maxParallelExecutions   = 4
)

// runtimeFamily is how the fake runs a runtime, if it can.
type runtimeFamily int

const (
	familyNone runtimeFamily = iota
	familyPython
	familyNode
	familyGo
)

func familyOf(runtime string) runtimeFamily {
	switch {
	case strings.HasPrefix(runtime, "Python3"):
		return familyPython
	case strings.HasPrefix(runtime, "Nodejs"):
		return familyNode
	case strings.HasPrefix(runtime, "Go"):
		return familyGo
	}
	return familyNone
}

// Handlers are "<file>.<function>" (Go: the executable's name). Only plain
// identifiers pass, so a handler can name a module in the working directory
// and nothing else: no paths, no shell or interpreter syntax.
var (
	scriptHandlerRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_-]{0,59})\.([A-Za-z_][A-Za-z0-9_]{0,59})$`)
	goHandlerRE     = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,59}$`)
)

// codeRunner runs deployed code in child processes.
type codeRunner struct {
	python, node string // interpreters found on PATH; "" when missing
	maxBytes     int64
	maxFiles     int
	slots        chan struct{}
}

func newCodeRunner() *codeRunner {
	r := &codeRunner{maxBytes: defaultMaxUnpackedBytes, maxFiles: defaultMaxUnpackedFiles, slots: make(chan struct{}, maxParallelExecutions)}
	r.python, _ = exec.LookPath("python3")
	r.node, _ = exec.LookPath("node")
	return r
}

// execSpec is everything one execution needs, copied out of the store.
type execSpec struct {
	runtime, handler string
	image            bool // an image function, which the fake never runs
	env              []variable
	timeout          time.Duration
	code             []byte
	layers           [][]byte
	event            []byte
	context          invocationContext
}

type invocationContext struct {
	RequestID          string `json:"request_id"`
	FunctionName       string `json:"function_name"`
	FunctionVersion    string `json:"function_version"`
	Namespace          string `json:"namespace"`
	MemoryLimitInMB    int64  `json:"memory_limit_in_mb"`
	TimeLimitInMS      int64  `json:"time_limit_in_ms"`
	TencentcloudRegion string `json:"tencentcloud_region"`
}

// execOutcome is what happened. A nil value with ok false is a function
// error described by errType and errMessage.
type execOutcome struct {
	ok                 bool
	value              json.RawMessage
	errType, errMsg    string
	stack              string
	timedOut           bool
	log                []byte
	duration           time.Duration
	maxRSSBytes        int64
	notRunReason       string // set when the code was not run at all
	refusedToUnpackErr error
}

// cannotRun says why a runtime cannot run here, or "" when it can.
func (r *codeRunner) cannotRun(runtime string) string {
	switch familyOf(runtime) {
	case familyPython:
		if r.python == "" {
			return "runtime " + runtime + " needs python3, which is not on the fake's PATH"
		}
	case familyNode:
		if r.node == "" {
			return "runtime " + runtime + " needs node, which is not on the fake's PATH"
		}
	case familyGo:
	default:
		return "scf-fake does not run runtime " + runtime
	}
	return ""
}

// command builds the argv: the interpreter with the bootstrap, or the Go
// executable itself.
func (r *codeRunner) command(spec *execSpec, codeDir string) ([]string, error) {
	ctxJSON, err := json.Marshal(spec.context)
	if err != nil {
		return nil, err
	}
	family := familyOf(spec.runtime)
	if family == familyGo {
		if !goHandlerRE.MatchString(spec.handler) {
			return nil, fmt.Errorf("handler %q is not the name of an executable in the package", truncate(spec.handler, 64))
		}
		exe := filepath.Join(codeDir, spec.handler)
		if st, err := os.Stat(exe); err != nil || !st.Mode().IsRegular() {
			return nil, fmt.Errorf("the package has no executable %q", spec.handler)
		}
		if err := os.Chmod(exe, 0o755); err != nil {
			return nil, err
		}
		return []string{exe, string(ctxJSON)}, nil
	}
	m := scriptHandlerRE.FindStringSubmatch(spec.handler)
	if m == nil {
		return nil, fmt.Errorf("handler %q must be <file>.<function>, each a plain identifier", truncate(spec.handler, 64))
	}
	if family == familyPython {
		return []string{r.python, "-B", "-u", "-c", pythonBootstrap, m[1], m[2], string(ctxJSON)}, nil
	}
	return []string{r.node, "-e", nodeBootstrap, m[1], m[2], string(ctxJSON)}, nil
}

// run unpacks the code and layers into a fresh directory and runs the
// handler there with the function's environment and timeout.
func (r *codeRunner) run(ctx context.Context, spec *execSpec) execOutcome {
	select {
	case r.slots <- struct{}{}:
		defer func() { <-r.slots }()
	case <-ctx.Done():
		return execOutcome{notRunReason: "the request was cancelled before the code ran"}
	}
	root, err := os.MkdirTemp("", "scf-fake-run-")
	if err != nil {
		return execOutcome{notRunReason: "the fake could not create a working directory: " + err.Error()}
	}
	defer func() { _ = os.RemoveAll(root) }()
	codeDir, optDir, tmpDir := filepath.Join(root, "code"), filepath.Join(root, "opt"), filepath.Join(root, "tmp")
	for _, d := range []string{codeDir, optDir, tmpDir} {
		if err := os.Mkdir(d, 0o700); err != nil {
			return execOutcome{notRunReason: "the fake could not create a working directory: " + err.Error()}
		}
	}
	budget := &unpackBudget{bytesLeft: r.maxBytes, entriesLeft: r.maxFiles}
	if err := unpackZip(spec.code, codeDir, budget); err != nil {
		return execOutcome{refusedToUnpackErr: err}
	}
	for _, layer := range spec.layers {
		if err := unpackZip(layer, optDir, budget); err != nil {
			return execOutcome{refusedToUnpackErr: fmt.Errorf("a layer: %w", err)}
		}
	}
	argv, err := r.command(spec, codeDir)
	if err != nil {
		return execOutcome{refusedToUnpackErr: fmt.Errorf("%w: %w", errUnpack, err)}
	}
	return r.start(ctx, spec, argv, runDirs{code: codeDir, opt: optDir, tmp: tmpDir})
}

type runDirs struct{ code, opt, tmp string }

// environment is the function's variables over the few the interpreters
// need; nothing of the fake's own environment is passed on.
func (r *codeRunner) environment(spec *execSpec, argv0 string, dirs runDirs) []string {
	env := []string{
		"PATH=" + filepath.Dir(argv0) + ":/usr/local/bin:/usr/bin:/bin",
		"HOME=" + dirs.tmp,
		"TMPDIR=" + dirs.tmp,
		"LANG=C.UTF-8",
		"PYTHONPATH=" + filepath.Join(dirs.opt, "python") + ":" + dirs.opt,
		"NODE_PATH=" + filepath.Join(dirs.opt, "node_modules") + ":" + dirs.opt,
		"SCF_RUNTIME=" + spec.runtime,
		"SCF_FUNCTIONNAME=" + spec.context.FunctionName,
		"SCF_FUNCTIONVERSION=" + spec.context.FunctionVersion,
		"SCF_NAMESPACE=" + spec.context.Namespace,
		"SCF_MEMORYSIZE=" + strconv.FormatInt(spec.context.MemoryLimitInMB, 10),
		"TENCENTCLOUD_REGION=" + spec.context.TencentcloudRegion,
	}
	for _, v := range spec.env {
		env = append(env, v.Key+"="+v.Value)
	}
	return env
}

func (r *codeRunner) start(ctx context.Context, spec *execSpec, argv []string, dirs runDirs) execOutcome {
	runCtx, cancel := context.WithTimeout(ctx, spec.timeout)
	defer cancel()
	// The output and the answer go through pipes of our own rather than
	// through exec's copying, so that Wait returns when the function's
	// process ends, even if something it started still holds them.
	logR, logW, err := os.Pipe()
	if err != nil {
		return execOutcome{notRunReason: "the fake could not create a pipe: " + err.Error()}
	}
	answerR, answerW, err := os.Pipe()
	if err != nil {
		_, _ = logR.Close(), logW.Close()
		return execOutcome{notRunReason: "the fake could not create a pipe: " + err.Error()}
	}
	defer func() { _, _ = logR.Close(), answerR.Close() }()
	cmd := exec.CommandContext(runCtx, argv[0], argv[1:]...)
	cmd.Dir = dirs.code
	cmd.Env = r.environment(spec, argv[0], dirs)
	cmd.Stdin = bytes.NewReader(spec.event)
	cmd.Stdout, cmd.Stderr = logW, logW
	cmd.ExtraFiles = []*os.File{answerW} // file descriptor 3
	setProcessGroup(cmd)
	cmd.WaitDelay = time.Second
	began := time.Now()
	startErr := cmd.Start()
	_, _ = logW.Close(), answerW.Close() // the child has its own copies
	if startErr != nil {
		return execOutcome{notRunReason: "the runtime could not be started: " + startErr.Error()}
	}
	logBuf := &tailBuffer{limit: maxLogCapture}
	var answer []byte
	var readers sync.WaitGroup
	readers.Go(func() { _, _ = io.Copy(logBuf, logR) })
	readers.Go(func() { answer, _ = io.ReadAll(io.LimitReader(answerR, maxAnswerBytes+1)) })
	waitErr := cmd.Wait()
	elapsed := time.Since(began)
	killGroup(cmd)
	drainPipes(&readers, logR, answerR)
	out := execOutcome{log: logBuf.Bytes(), duration: elapsed, maxRSSBytes: maxRSS(cmd.ProcessState)}
	if errors.Is(runCtx.Err(), context.DeadlineExceeded) {
		out.timedOut = true
		out.errType, out.errMsg = "Timeout", fmt.Sprintf("the function did not finish within its timeout of %s", spec.timeout)
		return out
	}
	if ctx.Err() != nil {
		out.notRunReason = "the request was cancelled while the code ran"
		return out
	}
	return interpretAnswer(out, familyOf(spec.runtime), answer, waitErr)
}

// drainPipes lets the readers reach the end of what the function wrote. Once
// its process group is killed that is immediate; a process that left the
// group and still holds a pipe gets a second before the pipes are closed.
func drainPipes(readers *sync.WaitGroup, pipes ...*os.File) {
	drained := make(chan struct{})
	go func() {
		readers.Wait()
		close(drained)
	}()
	select {
	case <-drained:
	case <-time.After(time.Second):
		for _, p := range pipes {
			_ = p.Close()
		}
		<-drained
	}
}

// interpretAnswer reads what the process wrote on descriptor 3.
func interpretAnswer(out execOutcome, family runtimeFamily, answer []byte, waitErr error) execOutcome {
	if len(answer) > maxAnswerBytes {
		out.errType, out.errMsg = "ResultTooLarge", fmt.Sprintf("the function's result exceeds %d bytes", maxAnswerBytes)
		return out
	}
	if family == familyGo {
		if waitErr != nil {
			out.errType, out.errMsg = "ExitError", lastLine(out.log, waitErr.Error())
			return out
		}
		if len(bytes.TrimSpace(answer)) == 0 {
			answer = []byte("null")
		}
		if !json.Valid(answer) {
			out.errType, out.errMsg = "InvalidResult", "the executable wrote a result on descriptor 3 that is not JSON"
			return out
		}
		out.ok, out.value = true, json.RawMessage(bytes.TrimSpace(answer))
		return out
	}
	var env struct {
		OK      bool            `json:"ok"`
		Value   json.RawMessage `json:"value"`
		Type    string          `json:"type"`
		Message string          `json:"message"`
		Stack   string          `json:"stack"`
	}
	if err := json.Unmarshal(answer, &env); err != nil {
		msg := "the runtime exited without a result"
		if waitErr != nil {
			msg += " (" + waitErr.Error() + ")"
		}
		out.errType, out.errMsg = "RuntimeExited", msg
		return out
	}
	if !env.OK {
		out.errType, out.errMsg, out.stack = env.Type, env.Message, env.Stack
		return out
	}
	out.ok, out.value = true, env.Value
	return out
}

func lastLine(log []byte, fallback string) string {
	lines := strings.Split(strings.TrimSpace(string(log)), "\n")
	if l := strings.TrimSpace(lines[len(lines)-1]); l != "" {
		return l
	}
	return fallback
}

// tailBuffer keeps the last limit bytes written to it; the two output
// streams share one, in the order the process wrote them.
type tailBuffer struct {
	mu    sync.Mutex
	limit int
	buf   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.limit; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) Bytes() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	return bytes.Clone(t.buf)
}
