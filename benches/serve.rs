//! Latency and load of the writers' API (issue 12's targets): `POST /api/check` on a 3–4 KB
//! ad against the real `terskel serve` (release build, rules loaded once), first one client
//! (median and p99), then 16 concurrent clients × 2 000 requests each on 127.0.0.1 (errors,
//! percentiles, throughput), twice, with the server's resident memory after warm-up and after
//! each round.
//!
//! Run: `cargo bench --bench serve`. Clients use keep-alive connections and a minimal HTTP/1.1
//! client on `std::net`, so the numbers are the server's, not a client library's. A benchmark,
//! not a test: it prints numbers and fails only when the server cannot be started or answers
//! wrongly.

// A benchmark has nobody to report to: a server that does not start should stop it loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CLIENTS: usize = 16;
const REQUESTS_PER_CLIENT: usize = 2000;
const SEQUENTIAL: usize = 2000;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ad = ad(root);
    let body = serde_json::json!({ "text": ad, "lang": "auto" }).to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_terskel"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("terskel serve starts");
    let mut line = String::new();
    BufReader::new(child.stderr.take().expect("stderr"))
        .read_line(&mut line)
        .expect("the address line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("an address")
        .to_string();
    let pid = child.id();
    println!(
        "POST /api/check, ad of {} bytes ({} characters), server pid {pid} on {addr}",
        ad.len(),
        ad.chars().count()
    );

    // Warm-up, and one answer looked at: the findings must be there.
    let mut client = Client::connect(&addr);
    let (status, answer) = client.post("/api/check", &body);
    assert_eq!(status, 200, "{answer}");
    let findings = serde_json::from_str::<serde_json::Value>(&answer).unwrap()["summary"]
        ["findings"]
        .as_u64()
        .unwrap();
    assert!(findings > 0, "no findings in the benchmark ad");
    for _ in 0..200 {
        client.post("/api/check", &body);
    }
    let rss_warm = rss_kb(pid);

    let mut times = Vec::with_capacity(SEQUENTIAL);
    let cpu_before = cpu_ms(pid);
    for _ in 0..SEQUENTIAL {
        let start = Instant::now();
        let (status, _) = client.post("/api/check", &body);
        times.push(start.elapsed());
        assert_eq!(status, 200);
    }
    let cpu = (cpu_ms(pid) - cpu_before) / SEQUENTIAL as f64;
    println!(
        "1 client × {SEQUENTIAL}: {} ({findings} findings per answer; server CPU {cpu:.2} ms per request)",
        summary(&mut times)
    );

    let mut rss = vec![("after warm-up", rss_warm)];
    for round in 1..=2 {
        let start = Instant::now();
        let handles: Vec<_> = (0..CLIENTS)
            .map(|_| {
                let addr = addr.clone();
                let body = body.clone();
                std::thread::spawn(move || {
                    let mut client = Client::connect(&addr);
                    let mut times = Vec::with_capacity(REQUESTS_PER_CLIENT);
                    let mut errors = 0usize;
                    for _ in 0..REQUESTS_PER_CLIENT {
                        let t = Instant::now();
                        match client.try_post("/api/check", &body) {
                            Ok((200, _)) => times.push(t.elapsed()),
                            Ok(_) | Err(_) => {
                                errors += 1;
                                client = Client::connect(&addr);
                            }
                        }
                    }
                    (times, errors)
                })
            })
            .collect();
        let mut all = Vec::new();
        let mut errors = 0;
        for handle in handles {
            let (times, e) = handle.join().unwrap();
            all.extend(times);
            errors += e;
        }
        let wall = start.elapsed();
        let total = CLIENTS * REQUESTS_PER_CLIENT;
        println!(
            "round {round}: {CLIENTS} clients × {REQUESTS_PER_CLIENT}: {errors} errors, {}, {:.0} requests/s, {:.2} s",
            summary(&mut all),
            total as f64 / wall.as_secs_f64(),
            wall.as_secs_f64()
        );
        rss.push((
            if round == 1 {
                "after round 1"
            } else {
                "after round 2"
            },
            rss_kb(pid),
        ));
    }
    let memory: Vec<String> = rss
        .iter()
        .map(|(when, kb)| format!("{when} {:.1} MB", *kb as f64 / 1024.0))
        .collect();
    println!("server resident memory: {}", memory.join(", "));
    let _ = child.kill();
    let _ = child.wait();
}

/// A 3–4 KB ad: the longest corpus ad (personalkonsulent, 2.6 KB) followed by the body of a
/// second one, cut at a line end below 3.8 KB. The corpus has no single ad that long.
fn ad(root: &Path) -> String {
    let first = std::fs::read_to_string(root.join("corpus/nb/konsulent-personalavdelingen.md"))
        .expect("corpus ad");
    let second =
        std::fs::read_to_string(root.join("corpus/nb/renholder-forerkort.md")).expect("corpus ad");
    let body = second.splitn(3, "---\n").nth(2).unwrap_or(&second);
    let mut ad = first;
    for line in body.split_inclusive('\n') {
        if ad.len() + line.len() > 3800 {
            break;
        }
        ad.push_str(line);
    }
    ad
}

fn summary(times: &mut [Duration]) -> String {
    times.sort_unstable();
    let at = |q: f64| {
        let i = ((times.len() as f64 - 1.0) * q).round() as usize;
        times.get(i).copied().unwrap_or_default()
    };
    format!(
        "median {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        at(1.0).as_secs_f64() * 1e3
    )
}

/// User + system CPU time of process `pid` in ms (Linux, assuming 100 clock ticks per second;
/// 0 elsewhere). Less sensitive than wall time to other work on a shared machine.
fn cpu_ms(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            // Fields after the command name (which is in parentheses and may hold spaces).
            let rest = s.rsplit_once(')')?.1;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let utime: f64 = fields.get(11)?.parse().ok()?;
            let stime: f64 = fields.get(12)?.parse().ok()?;
            Some((utime + stime) * 10.0)
        })
        .unwrap_or(0.0)
}

/// The resident set size of process `pid` in kB (Linux; 0 elsewhere).
fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// One keep-alive HTTP/1.1 connection.
struct Client {
    reader: BufReader<TcpStream>,
    addr: String,
}

impl Client {
    fn connect(addr: &str) -> Client {
        let stream = TcpStream::connect(addr).expect("connect");
        stream.set_nodelay(true).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        Client {
            reader: BufReader::new(stream),
            addr: addr.to_string(),
        }
    }

    fn post(&mut self, path: &str, body: &str) -> (u16, String) {
        self.try_post(path, body).expect("a response")
    }

    fn try_post(&mut self, path: &str, body: &str) -> std::io::Result<(u16, String)> {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        self.reader.get_mut().write_all(request.as_bytes())?;
        let mut status_line = String::new();
        self.reader.read_line(&mut status_line)?;
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {status_line:?}")))?;
        let mut length = 0usize;
        loop {
            let mut header = String::new();
            self.reader.read_line(&mut header)?;
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}
