using System.Net;
using System.Net.Sockets;

namespace CredentialLedger.TestKit;

/// <summary>Finds TCP ports on 127.0.0.1 that nothing is listening on.</summary>
public static class FreePort
{
    /// <summary>
    /// Asks the OS for an ephemeral port on 127.0.0.1 and releases it. Another process can take it before the caller
    /// binds, so callers that start servers should retry on a bind failure (as <see cref="AnvilFixture"/> does).
    /// </summary>
    public static int Get()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
