using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>
/// smtp4dev (the repo's dotnet tool manifest installs it; scripts/test.sh runs <c>dotnet tool restore</c>) as a child
/// process on loopback ports of its own, in-memory store: a real SMTP server to deliver to and a real IMAP/POP3
/// server to read from. Start takes about 10 s, so tests share one per class.
/// </summary>
public sealed class Smtp4devServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataPath;

    private Smtp4devServer(Process process, string dataPath, int smtp, int imap, int pop3)
    {
        this.process = process;
        this.dataPath = dataPath;
        (SmtpPort, ImapPort, Pop3Port) = (smtp, imap, pop3);
    }

    public int SmtpPort { get; }
    public int ImapPort { get; }
    public int Pop3Port { get; }

    public static async Task<Smtp4devServer> StartAsync(CancellationToken ct)
    {
        var (web, smtp, imap, pop3) = (FreePort(), FreePort(), FreePort(), FreePort());
        var dataPath = Directory.CreateTempSubdirectory("smtp4dev-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{web}", $"--smtpport={smtp}", $"--imapport={imap}", $"--pop3port={pop3}",
            "--bindaddress=127.0.0.1", "--disableipv6", "--db=", $"--baseappdatapath={dataPath}", "--nousersettings",
        }) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Smtp4devServer(process, dataPath, smtp, imap, pop3);
        try
        {
            await WaitForPortAsync(imap, process, ct);
            await WaitForPortAsync(smtp, process, ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitForPortAsync(int port, Process process, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"smtp4dev exited with {process.ExitCode}");
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(250, ct);
            }
        }
        throw new TimeoutException($"smtp4dev did not listen on {port} within 90 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "dotnet-tools.json"))) return dir.FullName;
        throw new InvalidOperationException("dotnet-tools.json not found above the test binaries");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try
        {
            Directory.Delete(dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the exiting process; the temp folder is cleaned by the OS.
        }
    }
}
