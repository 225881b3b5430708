using LtiPD.Domain.People;

namespace LtiPD.Domain.Tests.People;

public sealed class ScopeTests
{
    [Fact]
    public void APersonInACourseIsThatPersonAndThatCourse()
    {
        var member = new PersonScope(1, "dep", "u4").In("course-a");

        Assert.Equal(new PersonInCourse(1, "dep", "course-a", "u4"), member);
        Assert.Equal(new PersonScope(1, "dep", "u4"), member.Person);
        Assert.Equal(new CourseScope(1, "dep", "course-a"), member.Course);
    }

    [Fact]
    public void TheSamePersonInAnotherCourseIsAnotherScope() =>
        Assert.NotEqual(new PersonInCourse(1, "dep", "course-a", "u4"), new PersonInCourse(1, "dep", "course-b", "u4"));

    [Fact]
    public void ALaunchWithoutAContextIsNoCourse()
    {
        Assert.False(new CourseScope(1, "dep", null).IsCourse);
        Assert.True(new CourseScope(1, "dep", "course-a").IsCourse);
    }
}
