#pragma once
namespace binge::test {

// A loopback TCP port nobody listens on right now (the kernel picks it), for rendezvous stores of
// data-parallel jobs started by tests; each job gets its own so suites can run in parallel.
int freeLoopbackPort();

}  // namespace binge::test
