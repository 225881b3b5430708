using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LtiPD.Data;

/// <summary>
/// A query compiled with <see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, CancellationToken, Task{TResult}}})"/>
/// once per EF model. The hot reads of a page skip EF's translation-cache lookup this way (it cost more than the query), but a
/// compiled query is bound to the model it first ran with and one process may hold several (SQLite and PostgreSQL tools side by
/// side in the tests): each model gets its own.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _compiled.GetValue(db.Model, _ => compile());
    }
}
