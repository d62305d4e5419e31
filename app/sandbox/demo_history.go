package sandbox

import (
	"fmt"
	"time"

	"github.com/pipewright/pipewright/app/ghfake"
)

// SeedDeliveryHistory gives a repository ninety days of delivery history
// ending at now, as a CD system and a team would leave it on GitHub: two
// production deployments a week (Tuesdays and Thursdays at 14:00, each
// shipping the changes merged since the last), one failed deployment fixed
// two hours later, and an incident issue open for three hours that ended
// in a revert. The demo's DORA baseline is measured from it.
func SeedDeliveryHistory(repo *ghfake.Repo, now time.Time) {
	now = now.UTC()
	start := now.AddDate(0, 0, -89).Truncate(24 * time.Hour)
	n := 0
	for day := start; day.Before(now); day = day.AddDate(0, 0, 1) {
		if wd := day.Weekday(); wd != time.Tuesday && wd != time.Thursday {
			continue
		}
		n++
		// Two changes merged the day before, in the morning and the afternoon.
		repo.MergePull(fmt.Sprintf("Change %d.1", n), "", "dana", day.Add(-14*time.Hour))
		pr, sha := repo.MergePull(fmt.Sprintf("Change %d.2", n), "", "lee", day.Add(-8*time.Hour))
		at := day.Add(14 * time.Hour)
		if !at.Before(now) {
			break
		}
		switch n {
		case 7: // a failed deployment, fixed and deployed two hours later
			repo.AddDeployment(ghfake.DeploymentSpec{SHA: sha, Created: at, Statuses: []ghfake.DeploymentStatusSpec{
				{State: "in_progress", At: at.Add(time.Minute)}, {State: "failure", At: at.Add(10 * time.Minute)}}})
			_, sha = repo.MergePull("Fix the migration", "", "dana", at.Add(time.Hour))
			at = at.Add(2*time.Hour + 10*time.Minute)
		case 15: // an incident after this deployment, resolved by a revert
			repo.OpenIssue("Checkout errors after deploy", []string{"incident"}, at.Add(30*time.Minute), at.Add(3*time.Hour+30*time.Minute))
			repo.MergePull(fmt.Sprintf(`Revert "Change %d.2"`, n), fmt.Sprintf("Reverts %s#%d", repo.FullName(), pr), "lee", at.Add(2*time.Hour))
		}
		repo.AddDeployment(ghfake.DeploymentSpec{SHA: sha, Created: at.Add(-5 * time.Minute), Statuses: []ghfake.DeploymentStatusSpec{
			{State: "in_progress", At: at.Add(-4 * time.Minute)}, {State: "success", At: at}}})
	}
}
