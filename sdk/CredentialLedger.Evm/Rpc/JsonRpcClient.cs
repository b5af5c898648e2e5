using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// A JSON-RPC 2.0 client over an injected <see cref="HttpClient"/> (one request per call, no batching). Each
/// attempt has its own timeout; transient transport failures (timeouts, refused connections, HTTP 5xx, 408, 429)
/// are retried with exponential backoff and jitter; JSON-RPC error objects are never retried. Thread-safe.
/// </summary>
/// <remarks>
/// The client writes requests with <see cref="Utf8JsonWriter"/> and reads responses with <see cref="JsonDocument"/>,
/// so nothing depends on reflection-based serialisation. Callers turn the <c>result</c> element into typed values
/// inside <see cref="SendAsync{TResult}"/>; hex text never leaves this layer (see <see cref="EthClient"/>).
/// </remarks>
public sealed class JsonRpcClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _httpClient;
    private readonly JsonRpcClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<JsonRpcException, Exception?>? _errorTranslator;
    private long _nextId;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client; its lifetime belongs to the caller (for example IHttpClientFactory).</param>
    /// <param name="options">Timeouts and retries; defaults when null. Read once, here.</param>
    /// <param name="timeProvider">The clock for timeouts and backoff delays; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="errorTranslator">
    /// Turns a JSON-RPC error into a more specific exception (for example a decoded revert), or returns null to keep
    /// the <see cref="JsonRpcException"/>. <see cref="EthClient"/> installs revert decoding through this hook.
    /// </param>
    public JsonRpcClient(
        HttpClient httpClient,
        JsonRpcClientOptions? options = null,
        TimeProvider? timeProvider = null,
        Func<JsonRpcException, Exception?>? errorTranslator = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _httpClient = httpClient;
        _options = options ?? new JsonRpcClientOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _errorTranslator = errorTranslator;
        if (_options.Endpoint is null && httpClient.BaseAddress is null)
            throw new ArgumentException("Set JsonRpcClientOptions.Endpoint or the HttpClient's BaseAddress.", nameof(options));
        if (_options.RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "RequestTimeout must be positive.");
        if (_options.MaxRetries < 0)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxRetries must not be negative.");
    }

    /// <summary>The options this client was created with.</summary>
    public JsonRpcClientOptions Options => _options;

    /// <summary>The clock used for timeouts and backoff.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Returns a client that shares this one's transport and options but translates errors with <paramref name="errorTranslator"/>.</summary>
    public JsonRpcClient WithErrorTranslator(Func<JsonRpcException, Exception?>? errorTranslator) =>
        new(_httpClient, _options, _timeProvider, errorTranslator);

    /// <summary>Calls a method and converts its <c>result</c>.</summary>
    /// <typeparam name="TResult">The typed result.</typeparam>
    /// <param name="method">The JSON-RPC method, for example <c>eth_chainId</c>.</param>
    /// <param name="writeParams">Writes the positional parameters as array items (the array itself is written here); null for none.</param>
    /// <param name="readResult">
    /// Converts the <c>result</c> element (which may be JSON null). It runs while the response document is alive; a
    /// <see cref="FormatException"/>, <see cref="InvalidOperationException"/>, <see cref="KeyNotFoundException"/>,
    /// <see cref="OverflowException"/> or <see cref="ArgumentException"/> it throws becomes an <see cref="RpcResponseException"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call, including retries and backoff.</param>
    /// <exception cref="JsonRpcException">The server returned a JSON-RPC error.</exception>
    /// <exception cref="RpcTransportException">No usable answer after all attempts (or a non-transient HTTP failure).</exception>
    /// <exception cref="RpcResponseException">The answer is not a valid JSON-RPC response or has the wrong shape.</exception>
    public async Task<TResult> SendAsync<TResult>(
        string method,
        Action<Utf8JsonWriter>? writeParams,
        Func<JsonElement, TResult> readResult,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(readResult);
        var id = Interlocked.Increment(ref _nextId);
        var body = WriteRequest(id, method, writeParams);

        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[] responseBytes;
            try
            {
                responseBytes = await PostOnceAsync(method, body, attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcTransportException e) when (e.IsTransient && attempt <= _options.MaxRetries)
            {
                await Task.Delay(Backoff(attempt), _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }
            return ReadResponse(method, id, responseBytes, readResult);
        }
    }

    private async Task<byte[]> PostOnceAsync(string method, byte[] body, int attempt, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint);
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonContentType;
            using var response = await _httpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (IsTransientStatus(response.StatusCode))
                throw new RpcTransportException($"{method}: HTTP {status} {response.ReasonPhrase}.", isTransient: true, status, attempt);
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            // Some servers send JSON-RPC errors with a 4xx status; the error object is then the better report.
            if (!response.IsSuccessStatusCode && !LooksLikeJsonObject(bytes))
                throw new RpcTransportException($"{method}: HTTP {status} {response.ReasonPhrase}.", isTransient: false, status, attempt);
            return bytes;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Our per-attempt timeout or HttpClient.Timeout fired, not the caller's token.
            throw new RpcTransportException(
                $"{method}: no response within {_options.RequestTimeout.TotalMilliseconds:0} ms.", isTransient: true, null, attempt,
                new TimeoutException("The JSON-RPC request timed out.", e));
        }
        catch (HttpRequestException e)
        {
            throw new RpcTransportException($"{method}: {e.Message}", IsTransientError(e.HttpRequestError), (int?)e.StatusCode, attempt, e);
        }
        catch (IOException e)
        {
            // The connection dropped while the body was read.
            throw new RpcTransportException($"{method}: {e.Message}", isTransient: true, null, attempt, e);
        }
    }

    private TResult ReadResponse<TResult>(string method, long id, byte[] bytes, Func<JsonElement, TResult> readResult)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new RpcResponseException(method, $"not JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new RpcResponseException(method, $"expected a JSON object but found {root.ValueKind}.");
            if (root.TryGetProperty("jsonrpc", out var version)
                && (version.ValueKind != JsonValueKind.String || version.GetString() != "2.0"))
                throw new RpcResponseException(method, "\"jsonrpc\" is not \"2.0\".");
            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                // An error may come with a null id when the server could not read ours (JSON-RPC 2.0 §5).
                var exception = ReadError(method, error);
                throw _errorTranslator?.Invoke(exception) ?? exception;
            }
            if (!root.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
                || !idElement.TryGetInt64(out var responseId) || responseId != id)
                throw new RpcResponseException(method, $"response id does not match request id {id}.");
            if (!root.TryGetProperty("result", out var result))
                throw new RpcResponseException(method, "neither \"result\" nor \"error\" is present.");
            try
            {
                return readResult(result);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException
                                          or OverflowException or ArgumentException)
            {
                throw new RpcResponseException(method, e.Message, e);
            }
        }
    }

    private static JsonRpcException ReadError(string method, JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number
            || !code.TryGetInt64(out var codeValue))
            throw new RpcResponseException(method, "the \"error\" member has no integer \"code\".");
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
        JsonElement? data = error.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d.Clone() : null;
        return new JsonRpcException(method, codeValue, message, data);
    }

    private static byte[] WriteRequest(long id, string method, Action<Utf8JsonWriter>? writeParams)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WriteStartArray("params");
            writeParams?.Invoke(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private TimeSpan Backoff(int attempt)
    {
        var baseTicks = _options.BaseBackoff.Ticks;
        if (baseTicks <= 0)
            return TimeSpan.Zero;
        var exponential = Math.Min(baseTicks * Math.Pow(2, attempt - 1), _options.MaxBackoff.Ticks);
        // "Equal jitter": half fixed, half random, so retries spread out but never collapse to zero.
        var half = (long)(exponential / 2);
        var jitter = half > 0 ? RandomNumberGenerator.GetInt32((int)Math.Min(half, int.MaxValue)) : 0;
        return TimeSpan.FromTicks(half + jitter);
    }

    private static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private static bool IsTransientError(HttpRequestError error) => error is not (
        HttpRequestError.SecureConnectionError
        or HttpRequestError.UserAuthenticationError
        or HttpRequestError.ConfigurationLimitExceeded
        or HttpRequestError.VersionNegotiationError
        or HttpRequestError.ExtendedConnectNotSupported);

    private static bool LooksLikeJsonObject(byte[] bytes)
    {
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                continue;
            return b == (byte)'{';
        }
        return false;
    }
}
