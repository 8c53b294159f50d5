// The Go oracle: Debian's real aws-sdk-go-v2 (golang-github-aws-aws-sdk-go-v2-dev) resolving its
// default credentials in this process's environment. It calls config.LoadDefaultConfig, then
// cfg.Credentials.Retrieve (as an app's first API call would), and prints one JSON line:
//
//	{"ok", "stage": "load"|"retrieve"|"guard", "accessKeyId", "source", "provider", "endpoint",
//	 "errorType", "errorChain", "message"}
//
// "source" is aws.Credentials.Source. "provider" names the provider LoadDefaultConfig selected,
// outermost first (read by reflection through aws.CredentialsCache, and through an
// AssumeRoleProvider's STS client to the credentials it assumes the role with), so a failing
// Retrieve still shows which provider was chosen; "endpoint" is the URL of a selected
// endpointcreds (container) provider. No secret is printed.
//
// Guards, checked before Retrieve sends anything: the process must be in a network namespace
// that holds only loopback, a container provider must call a loopback host (never the relative
// URI's 169.254.170.2), and an enabled IMDS client must have a loopback endpoint. A guard that
// trips prints stage "guard" and sends nothing.
//
// Built offline and started by go-sdk.test.ts with only PATH, HOME and a scenario's variables.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
)

type result struct {
	Ok          bool     `json:"ok"`
	Stage       string   `json:"stage"`
	AccessKeyID string   `json:"accessKeyId,omitempty"`
	Source      string   `json:"source,omitempty"`
	Provider    []string `json:"provider,omitempty"`
	Endpoint    string   `json:"endpoint,omitempty"`
	ErrorType   string   `json:"errorType,omitempty"`
	ErrorChain  []string `json:"errorChain,omitempty"`
	Message     string   `json:"message,omitempty"`
}

// deref follows pointers and interfaces; the zero Value at a nil.
func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Ptr) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// field reads a (possibly unexported) struct field through pointers; the zero Value when absent.
func field(v reflect.Value, name string) reflect.Value {
	v = deref(v)
	if !v.IsValid() || v.Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return v.FieldByName(name)
}

func str(v reflect.Value) string {
	if !v.IsValid() || v.Kind() != reflect.String {
		return ""
	}
	return v.String()
}

// walk visits the provider chain behind a credentials provider, outermost first.
func walk(v reflect.Value, depth int, visit func(name string, p reflect.Value)) {
	for v.IsValid() && v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if !v.IsValid() || depth > 8 {
		return
	}
	name := v.Type().String()
	if name == "*aws.CredentialsCache" {
		walk(field(v, "provider"), depth+1, visit)
		return
	}
	visit(name, v)
	if name == "*stscreds.AssumeRoleProvider" {
		// the role is assumed with the credentials of its STS client
		walk(field(field(field(v, "options"), "Client"), "options").FieldByName("Credentials"), depth+1, visit)
	}
}

func isLoopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loopbackOnly: /proc/net/dev (per network namespace) lists lo and nothing else.
func loopbackOnly() bool {
	b, err := os.ReadFile("/proc/net/dev")
	if err != nil {
		return false
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 3 {
		return false
	}
	return strings.TrimSpace(strings.SplitN(lines[2], ":", 2)[0]) == "lo"
}

func failure(stage string, err error, out *result) {
	out.Stage = stage
	out.ErrorType = fmt.Sprintf("%T", err)
	for e := err; e != nil; e = errors.Unwrap(e) {
		out.ErrorChain = append(out.ErrorChain, fmt.Sprintf("%T", e))
	}
	msg := strings.TrimSpace(err.Error())
	if len(msg) > 800 {
		msg = msg[:800]
	}
	out.Message = msg
}

func emit(out result) {
	b, _ := json.Marshal(out)
	os.Stdout.Write(append(b, '\n'))
}

func main() {
	out := result{}
	if !loopbackOnly() {
		out.Stage = "guard"
		out.Message = "refusing to run: this network namespace holds more than loopback"
		emit(out)
		os.Exit(3)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		failure("load", err, &out)
		emit(out)
		return
	}
	var guard string
	walk(reflect.ValueOf(cfg.Credentials), 0, func(name string, p reflect.Value) {
		out.Provider = append(out.Provider, name)
		switch name {
		case "*endpointcreds.Provider":
			out.Endpoint = str(field(field(p, "options"), "Endpoint"))
			if !isLoopback(out.Endpoint) {
				guard = fmt.Sprintf("the container provider would call %s, not a loopback host", out.Endpoint)
			}
		case "*ec2rolecreds.Provider":
			opts := field(field(field(p, "options"), "Client"), "options")
			state := field(opts, "ClientEnableState")
			disabled := state.IsValid() && state.Kind() == reflect.Uint && state.Uint() == uint64(imds.ClientDisabled)
			if ep := str(field(opts, "Endpoint")); !disabled && !isLoopback(ep) {
				guard = fmt.Sprintf("the IMDS client is enabled with endpoint %q, not a loopback host", ep)
			}
		}
	})
	if guard != "" {
		out.Stage = "guard"
		out.Message = "refusing to Retrieve: " + guard
		emit(out)
		os.Exit(3)
	}
	var creds aws.Credentials
	creds, err = cfg.Credentials.Retrieve(ctx)
	if err != nil {
		failure("retrieve", err, &out)
	} else {
		out.Ok = true
		out.Stage = "retrieve"
		out.AccessKeyID = creds.AccessKeyID
		out.Source = creds.Source
	}
	emit(out)
}
