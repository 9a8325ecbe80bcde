//! The writers' page (`terskel serve`): one HTML page with its script and style embedded in the
//! binary, and the JSON API it calls (`POST /api/check`, `POST /api/fix`, `GET /api/rules`),
//! served by axum on a small tokio runtime.
//!
//! Owns routing, limits and HTTP errors: bodies over [`BODY_LIMIT`] get 413, malformed JSON
//! 400 with serde's reason, and every answer says `no-store`. The rules are compiled once, when
//! the server starts, and shared by every request. Nothing here touches the file system, keeps
//! an ad after its request or logs anything; the page asks for nothing outside the server
//! (its Content-Security-Policy says so to the browser). What the answers contain is
//! [`api`]; printing the address and opening a browser is the command's.

pub mod api;

use api::{ApiError, Engine};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

/// The largest request body accepted: 1 MB (an ad is rarely above 20 kB).
pub const BODY_LIMIT: usize = 1_000_000;

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");

/// Nothing but the server itself: no fonts, scripts, images or connections from elsewhere.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime or the server failed.
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// Binds `addr` (port 0 picks a free one; [`TcpListener::local_addr`] tells which).
///
/// # Errors
/// [`ServeError::Bind`] when the address is taken or not allowed.
pub fn bind(addr: SocketAddr) -> Result<TcpListener, ServeError> {
    let listener = TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// The routes of the page and the API over `engine`.
pub fn router(engine: Arc<Engine>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/app.js", get(app_js))
        .route("/style.css", get(style_css))
        .route("/api/check", post(check))
        .route("/api/fix", post(fix))
        .route("/api/rules", get(rules))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(engine)
}

/// Serves the page on `listener` until the process ends, on a tokio runtime of `threads`
/// worker threads (at least one).
///
/// # Errors
/// [`ServeError::Io`] when the runtime cannot start or the listener fails.
pub fn run(listener: TcpListener, engine: Engine, threads: usize) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .enable_io()
        .build()?;
    let app = router(Arc::new(engine));
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, app).await
    })?;
    Ok(())
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

async fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

async fn app_js() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

async fn style_css() -> Response {
    asset("text/css; charset=utf-8", STYLE_CSS)
}

/// A JSON answer with `status`.
fn json(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `{"error": message}` with `status`.
fn error(status: StatusCode, message: &str) -> Response {
    json(status, serde_json::json!({ "error": message }).to_string())
}

fn api_error(e: &ApiError) -> Response {
    let status = match e {
        ApiError::BadJson(_) | ApiError::BadField { .. } => StatusCode::BAD_REQUEST,
        ApiError::Unreadable(_) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    error(status, &e.to_string())
}

/// The answer for a body that could not be read (413 over the limit).
fn rejected(rejection: &BytesRejection) -> Response {
    let status = rejection.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        let message = format!(
            "the request body is larger than the limit of {BODY_LIMIT} bytes (1 MB); an ad is rarely above 20 kB"
        );
        error(status, &message)
    } else {
        error(status, &rejection.body_text())
    }
}

async fn check(State(engine): State<Arc<Engine>>, raw: Result<Bytes, BytesRejection>) -> Response {
    handle(&engine, raw, Engine::check)
}

async fn fix(State(engine): State<Arc<Engine>>, raw: Result<Bytes, BytesRejection>) -> Response {
    handle(&engine, raw, Engine::fix)
}

fn handle(
    engine: &Engine,
    raw: Result<Bytes, BytesRejection>,
    run: fn(&Engine, &api::Request) -> Result<String, ApiError>,
) -> Response {
    let bytes = match raw {
        Ok(bytes) => bytes,
        Err(rejection) => return rejected(&rejection),
    };
    match api::parse(&bytes).and_then(|request| run(engine, &request)) {
        Ok(body) => json(StatusCode::OK, body),
        Err(e) => api_error(&e),
    }
}

async fn rules(State(engine): State<Arc<Engine>>) -> Response {
    match engine.rules_json() {
        Ok(body) => json(StatusCode::OK, body),
        Err(e) => api_error(&e),
    }
}

async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "no such page; the API is /api/check, /api/fix and /api/rules",
    )
}
