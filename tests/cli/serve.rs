//! `terskel serve`: the JSON API against the real binary on a free port of 127.0.0.1 (check,
//! fix, rules, 400, 413, 404, and serving on after bad requests), through a minimal HTTP/1.1
//! client on `std::net` so the tests need no HTTP client crate.

use super::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::time::Duration;

/// A `terskel serve` process on a free port of 127.0.0.1, stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Server {
    /// Starts the server and waits for the line that says where it listens.
    pub fn start() -> Server {
        let mut child = terskel()
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("terskel serve starts");
        let mut line = String::new();
        let stderr = child.stderr.take().expect("stderr");
        BufReader::new(stderr).read_line(&mut line).expect("a line");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        assert!(addr.starts_with("127.0.0.1:"), "{addr}");
        Server { child, addr }
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Sends one request and returns the status and body.
    pub fn request(&self, method: &str, path: &str, body: &[u8]) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.addr,
            body.len()
        );
        stream.write_all(head.as_bytes()).unwrap();
        // The server may answer (413) before it has read the whole body.
        let _ = stream.write_all(body);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("no HTTP response: {response:?}"));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        (status, body.to_string())
    }

    /// POSTs `value` as JSON and parses the answer.
    pub fn post(&self, path: &str, value: &serde_json::Value) -> (u16, serde_json::Value) {
        let (status, body) = self.request("POST", path, value.to_string().as_bytes());
        let json = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("{path} answered no JSON ({e}): {body}"));
        (status, json)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const AD: &str = "# Renholder – Bø skole\n\n## Kvalifikasjoner\n\n- Perfekt norsk.\n- Fagbrev i renholdsoperatørfaget er et krav.\n\nVi er et ungt og dynamisk miljø.\n";

#[test]
fn check_answers_the_check_json_with_character_offsets_why_edits_and_score() {
    let server = Server::start();
    let (status, answer) = server.post("/api/check", &serde_json::json!({ "text": AD }));
    assert_eq!(status, 200, "{answer}");
    let cli = json(&run_stdin(
        &["check", "-", "--format", "json"],
        AD.as_bytes(),
    ));
    let document = &answer["documents"][0];
    let findings = document["findings"].as_array().unwrap();
    let cli_findings = cli["documents"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), cli_findings.len());
    for (ours, theirs) in findings.iter().zip(cli_findings) {
        for key in [
            "rule",
            "category",
            "severity",
            "section",
            "message",
            "suggestion",
            "text",
            "span",
        ] {
            assert_eq!(ours[key], theirs[key], "{key}");
        }
        assert!(!ours["why"].as_str().unwrap().is_empty());
    }
    let norsk = findings
        .iter()
        .find(|f| f["rule"] == "nb.language-level.vague-norwegian")
        .expect("the vague Norwegian demand");
    let start = AD.find("Perfekt norsk").unwrap();
    let chars = AD[..start].chars().count();
    let units = AD[..start].encode_utf16().count();
    assert_eq!(norsk["chars"]["start"], chars);
    assert_eq!(
        norsk["chars"]["end"],
        chars + "Perfekt norsk".chars().count()
    );
    assert_eq!(norsk["utf16"]["start"], units);
    assert_eq!(norsk["edit"]["kind"], "replace");
    assert_eq!(norsk["edit"]["text"], "Norsk på B1-nivå");
    let contact = findings
        .iter()
        .find(|f| f["rule"] == "nb.missing-contact.no-contact")
        .expect("no contact");
    assert_eq!(contact["span"], serde_json::Value::Null);
    assert_eq!(contact["edit"]["kind"], "insert");
    // The audit's threshold score over the counts.
    let s = &answer["summary"]["severities"];
    let score = s["error"].as_u64().unwrap() * 10
        + s["warning"].as_u64().unwrap() * 3
        + s["info"].as_u64().unwrap();
    assert_eq!(answer["summary"]["score"], score);
    assert_eq!(answer["summary"]["findings"], findings.len());
}

#[test]
fn fix_answers_the_revision_terskel_fix_gives() {
    let server = Server::start();
    let (status, answer) =
        server.post("/api/fix", &serde_json::json!({ "text": AD, "lang": "nb" }));
    assert_eq!(status, 200, "{answer}");
    let cli = run_stdin(&["fix", "-", "--lang", "nb"], AD.as_bytes());
    assert_eq!(answer["revised"], stdout(&cli));
    let changes = answer["changes"].as_array().unwrap();
    assert!(changes
        .iter()
        .any(|c| c["kind"] == "replace" && c["original"] == "Perfekt norsk"));
    assert!(changes
        .iter()
        .any(|c| c["kind"] == "insert" && c["rule"] == "nb.missing-contact.no-contact"));
    assert!(answer["documents"][0]["findings"].as_array().unwrap().len() >= 3);
}

#[test]
fn rules_lists_the_active_rules() {
    let server = Server::start();
    let (status, body) = server.request("GET", "/api/rules", b"");
    assert_eq!(status, 200);
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    let listed = json(&run(&["rules", "list", "--format", "json"]));
    assert_eq!(
        answer["rules"].as_array().unwrap().len(),
        listed.as_array().unwrap().len()
    );
    let norsk = answer["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "nb.language-level.vague-norwegian")
        .unwrap();
    assert_eq!(norsk["replacement"]["perfekt norsk"], "norsk på B1-nivå");
}

#[test]
fn bad_requests_get_400_413_and_404_with_reasons_and_the_server_serves_on() {
    let server = Server::start();
    let (status, answer) = server.post("/api/check", &serde_json::json!({ "txt": "x" }));
    assert_eq!(status, 400);
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .contains("unknown field `txt`"),
        "{answer}"
    );
    let (status, body) = server.request("POST", "/api/check", b"{\"text\": ");
    assert_eq!(status, 400);
    assert!(body.contains("EOF while parsing"), "{body}");
    let (status, answer) = server.post(
        "/api/fix",
        &serde_json::json!({ "text": "x", "lang": "sv" }),
    );
    assert_eq!(status, 400);
    assert!(answer["error"]
        .as_str()
        .unwrap()
        .contains("auto, nb, nn, en"));
    let big = serde_json::json!({ "text": "a".repeat(1_100_000) }).to_string();
    let (status, body) = server.request("POST", "/api/check", big.as_bytes());
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("1 MB"), "{body}");
    let (status, _) = server.request("GET", "/nowhere", b"");
    assert_eq!(status, 404);
    // Still serving, and an empty text is simply nothing found.
    let (status, answer) = server.post("/api/check", &serde_json::json!({ "text": AD }));
    assert_eq!(status, 200);
    assert!(answer["summary"]["findings"].as_u64().unwrap() > 0);
    let (status, answer) = server.post("/api/check", &serde_json::json!({ "text": "  " }));
    assert_eq!(status, 200);
    assert_eq!(answer["summary"]["findings"], 0);
}

#[test]
fn the_page_and_its_assets_are_served_with_a_strict_policy() {
    let server = Server::start();
    let (status, page) = server.request("GET", "/", b"");
    assert_eq!(status, 200);
    assert!(page.contains("<textarea id=\"ad\""));
    // Nothing on the page points outside the server.
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "{page}"
    );
    for asset in ["/app.js", "/style.css"] {
        let (status, body) = server.request("GET", asset, b"");
        assert_eq!(status, 200, "{asset}");
        assert!(!body.contains("https://"), "{asset} refers outside");
    }
}
