using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Store;

/// <summary>
/// The database's single writer. Work items queue on a channel; the writer takes as many as are waiting (up to
/// <see cref="MaxGroup"/>) and runs them in one transaction, each inside its own savepoint, so one failing item
/// changes nothing and fails alone while the rest commit together (group commit: one fsync for many requests). A
/// caller's task completes only after the commit: when it returns, the work is on disk.
/// </summary>
public sealed class StoreWriter : IAsyncDisposable
{
    /// <summary>Most work items per transaction.</summary>
    public const int MaxGroup = 512;

    private readonly NodeDatabase _database;
    private readonly Channel<IWork> _queue = Channel.CreateUnbounded<IWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <summary>Starts the writer on <paramref name="database"/>.</summary>
    public StoreWriter(NodeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Raised (on the writer's thread) after each commit; the anchoring worker listens to wake up.</summary>
    public event Action? Committed;

    /// <summary>Runs <paramref name="work"/> in the next group transaction and returns its result after the commit.</summary>
    /// <exception cref="ObjectDisposedException">The writer is stopping.</exception>
    public Task<T> ExecuteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new Work<T>(work);
        if (!_queue.Writer.TryWrite(item))
            throw new ObjectDisposedException(nameof(StoreWriter), "The store is shutting down.");
        return cancellationToken.CanBeCanceled ? item.Task.WaitAsync(cancellationToken) : item.Task;
    }

    private async Task RunAsync()
    {
        using var connection = _database.Open();
        var group = new List<IWork>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var item))
                group.Add(item);
            try
            {
                using (var transaction = connection.BeginTransaction(deferred: false))
                {
                    foreach (var item in group)
                        item.Run(connection, transaction);
                    transaction.Commit();
                }
                foreach (var item in group)
                    item.Complete();
                Committed?.Invoke();
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
            {
                // The commit itself failed (disk full, I/O error): nothing of the group is stored.
                foreach (var item in group)
                    item.Fail(e);
            }
        }
    }

    /// <summary>Finishes the queued work and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private interface IWork
    {
        void Run(SqliteConnection connection, SqliteTransaction transaction);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Work<T>(Func<SqliteConnection, SqliteTransaction, T> work) : IWork
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public void Run(SqliteConnection connection, SqliteTransaction transaction)
        {
            Execute(connection, transaction, "SAVEPOINT work");
            try
            {
                _result = work(connection, transaction);
                Execute(connection, transaction, "RELEASE work");
            }
#pragma warning disable CA1031 // The item's own failure is handed to its caller; the group goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Execute(connection, transaction, "ROLLBACK TO work");
                Execute(connection, transaction, "RELEASE work");
                _error = e;
            }
        }

        public void Complete()
        {
            if (_error is not null)
                _completion.TrySetException(_error);
            else
                _completion.TrySetResult(_result!);
        }

        public void Fail(Exception exception) => _completion.TrySetException(exception);

        private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
