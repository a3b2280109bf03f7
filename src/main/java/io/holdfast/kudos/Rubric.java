package io.holdfast.kudos;

/**
 * A lead's scores for a kudos, each 1 to 3: impact on the client, speed of response, creativity in
 * solving the problem. Recognition verified this way rewards outcomes and can't be gamed by volume.
 */
public record Rubric(int impact, int speed, int creativity) {

    public Rubric {
        for (int score : new int[] {impact, speed, creativity}) {
            if (score < 1 || score > 3) {
                throw new IllegalArgumentException("rubric scores are 1 to 3");
            }
        }
    }

    public int total() {
        return impact + speed + creativity;
    }
}
